/**
 * Personal names of officials and partners that appear in the seed documents, kept only as truncated SHA-256
 * hashes (of the lower-cased name) so the names themselves never enter the code. Checks every one- and
 * two-word window of a text, plus e-mail addresses and Indonesian phone numbers.
 */
import crypto from 'node:crypto';

const NAME_HASHES = new Set<string>(["a4825ea855a5c490","d019028c221bbdf2","c80e5c81fdeee6e0","e2c5918be5679caf","676fe4ebddd91405","b254909c2e637f1f","09ff9334d9e18dc3","50e2fb516823126d","5845f9ea46a1fdd2","4b8a088a18e28c84","2acea47e623b8fe8","c0dfb0bc178c4b94","bd9e3799bc469160","1906bc7c801f03c4","dbdfb75f677fda3d","8bd44ac929fa96cf"]);

const h = (s: string) => crypto.createHash('sha256').update(s.toLowerCase()).digest('hex').slice(0, 16);

/** What personal data of the seeds the text contains: [] when none. */
export function seedPersonalData(text: string, opts: { allowEmailDomain?: RegExp } = {}): string[] {
  const found: string[] = [];
  const words = text.split(/[^\p{L}]+/u).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (NAME_HASHES.has(h(words[i]))) found.push(`name #${i}`);
    if (i + 1 < words.length && NAME_HASHES.has(h(`${words[i]} ${words[i + 1]}`))) found.push(`name #${i}`);
  }
  for (const m of text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) if (!opts.allowEmailDomain?.test(m)) found.push(`e-mail ${m}`);
  for (const m of text.match(/(\+62|\b08)\d[\d -]{7,12}\d/g) ?? []) found.push(`phone ${m}`);
  return found;
}
