/** Who may manage harvest sources: the walidata (province-wide) and administrators. Deny by default. */
import { definePolicy, isAdmin } from '../../core/policy.ts';
import { isWalidata } from '../data/data.policy.ts';

definePolicy({
  // Harvesting the regency/city portals is the provincial walidata's job; a regency walidata's reach is their own region.
  'interop.harvest.manage': (a) => !!a && (isWalidata(a) || isAdmin(a)),
});
