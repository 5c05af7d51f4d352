// RAM (2015-05-01): users, groups, policies, access keys, login profiles and MFA devices.

import { entityNotFound, invalidParameter } from '../api-error.js';
import type { Handlers } from '../handler.js';
import { markerPage } from '../paging.js';
import type { ServedPolicy } from '../data.js';
import {
  accessKeyBody,
  attachedBody,
  lastLogin,
  mfaSerial,
  mfaUsers,
  requireLoginProfile,
  requireMfaDevice,
  userBody,
} from './identity.js';
import { stableDigits } from '../rng.js';

function policyBody(p: ServedPolicy): Record<string, unknown> {
  return {
    PolicyName: p.policyName,
    PolicyType: p.policyType,
    Description: p.description,
    DefaultVersion: p.defaultVersion,
    AttachmentCount: p.attachmentCount,
    CreateDate: p.createDate,
    UpdateDate: p.createDate,
  };
}

function versionBody(p: ServedPolicy): Record<string, unknown> {
  return {
    VersionId: p.defaultVersion,
    IsDefaultVersion: true,
    // The real API returns the document as JSON text.
    PolicyDocument: JSON.stringify(p.document),
    CreateDate: p.createDate,
  };
}

const POLICY_TYPES = new Set(['System', 'Custom']);

export const ramHandlers: Handlers = {
  ListUsers: ({ params: p, data }) => {
    const page = markerPage(data.users, p);
    return { ...page.fields, Users: { User: page.items.map(userBody) } };
  },

  GetUser: ({ params: p, data }) => {
    const u = data.user(p.required('UserName'));
    return { User: { ...userBody(u), ...lastLogin(u) } };
  },

  GetLoginProfile: ({ params: p, data }) => {
    const u = data.user(p.required('UserName'));
    requireLoginProfile(u);
    return {
      LoginProfile: { UserName: u.userName, CreateDate: u.createDate, PasswordResetRequired: false, MFABindRequired: u.mfaEnabled },
    };
  },

  // Without UserName RAM lists the caller's own keys.
  ListAccessKeys: ({ params: p, data, caller }) => {
    const name = p.get('UserName');
    const u = name !== undefined ? data.user(name) : data.userOfAccessKey(caller.accessKeyId);
    return { AccessKeys: { AccessKey: (u?.accessKeys ?? []).map(accessKeyBody) } };
  },

  ListPoliciesForUser: ({ params: p, data }) => {
    const u = data.user(p.required('UserName'));
    return { Policies: { Policy: u.policies.map((a) => attachedBody(data, a, u.createDate)) } };
  },

  ListGroupsForUser: ({ params: p, data }) => {
    const u = data.user(p.required('UserName'));
    return {
      Groups: {
        Group: u.groups.map((name) => {
          const g = data.group(name);
          return { GroupName: g.groupName, GroupId: stableDigits(`group:${g.groupName}`, 16), Comments: g.comments, JoinDate: u.createDate };
        }),
      },
    };
  },

  ListGroups: ({ params: p, data }) => {
    const page = markerPage(data.scenario.ram.groups, p);
    return {
      ...page.fields,
      Groups: {
        Group: page.items.map((g) => ({
          GroupName: g.groupName,
          GroupId: stableDigits(`group:${g.groupName}`, 16),
          Comments: g.comments,
          CreateDate: g.createDate,
          UpdateDate: g.createDate,
        })),
      },
    };
  },

  ListPoliciesForGroup: ({ params: p, data }) => {
    const g = data.group(p.required('GroupName'));
    return { Policies: { Policy: g.policies.map((a) => attachedBody(data, a, g.createDate)) } };
  },

  ListPolicies: ({ params: p, data }) => {
    const type = p.get('PolicyType');
    if (type !== undefined && !POLICY_TYPES.has(type)) throw invalidParameter('PolicyType', 'valid values are System and Custom');
    const items = type === undefined ? data.policies : data.policies.filter((x) => x.policyType === type);
    const page = markerPage(items, p);
    return { ...page.fields, Policies: { Policy: page.items.map(policyBody) } };
  },

  GetPolicy: ({ params: p, data }) => {
    const policy = data.policy(p);
    return { Policy: { ...policyBody(policy), PolicyDocument: JSON.stringify(policy.document) }, DefaultPolicyVersion: versionBody(policy) };
  },

  GetPolicyVersion: ({ params: p, data }) => {
    const policy = data.policy(p);
    const version = p.required('VersionId');
    if (version !== policy.defaultVersion) {
      throw entityNotFound('EntityNotExist.Policy.Version', `The policy version does not exist: ${policy.policyName} ${version}.`);
    }
    return { PolicyVersion: versionBody(policy) };
  },

  ListVirtualMFADevices: ({ data }) => ({
    VirtualMFADevices: {
      VirtualMFADevice: mfaUsers(data).map((u) => ({
        SerialNumber: mfaSerial(data, u),
        ActivateDate: u.createDate,
        User: { UserName: u.userName, UserId: u.userId, DisplayName: u.displayName },
      })),
    },
  }),

  GetUserMFAInfo: ({ params: p, data }) => ({ MFADevice: requireMfaDevice(data, data.user(p.required('UserName'))) }),
};
