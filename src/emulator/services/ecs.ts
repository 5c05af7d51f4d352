// ECS (2014-05-26): every emulated action, grouped by resource family.

import type { Handlers } from '../handler.js';
import { diskHandlers } from './ecs-disks.js';
import { instanceHandlers } from './ecs-instances.js';
import { securityGroupHandlers } from './ecs-security-groups.js';

export const ecsHandlers: Handlers = { ...instanceHandlers, ...securityGroupHandlers, ...diskHandlers };
