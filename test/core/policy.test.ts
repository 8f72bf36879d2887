import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, authorize, ROLES, type Actor, type Role } from '../../src/core/policy.ts';
import { NotFoundError, ForbiddenError, UnauthenticatedError } from '../../src/core/http/errors.ts';

function actor(role: Role | null, org = 'org-a'): Actor {
  return { id: `u-${role}`, email: 'x@y.z', name: 'x', locale: 'id', via: 'session',
    memberships: role ? [{ organisationId: org, organisationSlug: org, organisationName: org, role }] : [] };
}

// The role matrix of the core actions: every role × action, one expected answer each.
const MATRIX: Record<string, Role[]> = {
  'admin.users.manage': ['admin'],
  'admin.audit.read': ['admin', 'inspektorat'],
  'admin.organisations.manage': ['admin'],
  'admin.regions.import': ['admin'],
};

for (const [action, allowed] of Object.entries(MATRIX)) {
  test(`role matrix: ${action}`, () => {
    for (const role of ROLES) assert.equal(can(actor(role), action), allowed.includes(role), `${role} → ${action}`);
    assert.equal(can(null, action), false, `anonymous → ${action}`);
    assert.equal(can(actor(null), action), false, `no role → ${action}`);
  });
}

test('deny by default: unknown actions are refused for everyone, admin included', () => {
  for (const role of ROLES) assert.equal(can(actor(role), 'something.never.defined'), false);
});

test('account tokens: only the owner, only in a browser session', () => {
  const a = actor('produsen_data');
  assert.equal(can(a, 'account.tokens.manage', { userId: a.id }), true);
  assert.equal(can(a, 'account.tokens.manage', { userId: 'someone-else' }), false);
  assert.equal(can({ ...a, via: 'token' }, 'account.tokens.manage', { userId: a.id }), false);
});

test('authorize: hidden records answer not found; anonymous gets 401; others 403', () => {
  assert.throws(() => authorize(actor('walidata'), 'admin.users.manage', undefined, { hide: true }), NotFoundError);
  assert.throws(() => authorize(null, 'admin.users.manage'), UnauthenticatedError);
  assert.throws(() => authorize(actor('walidata'), 'admin.users.manage'), ForbiddenError);
  assert.doesNotThrow(() => authorize(actor('admin'), 'admin.users.manage'));
});
