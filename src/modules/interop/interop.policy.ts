/** Who may manage harvest sources: the walidata (province-wide) and administrators. Deny by default. */
import { definePolicy, hasRole, isAdmin } from '../../core/policy.ts';

definePolicy({
  'interop.harvest.manage': (a) => !!a && (hasRole(a, 'walidata') || isAdmin(a)),
});
