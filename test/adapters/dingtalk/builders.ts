// Builders for DingTalk robot callback payloads, with defaults a test overrides field by field.

export interface RobotPayload {
  msgId: string;
  msgtype: string;
  text?: { content: string };
  conversationId: string;
  conversationType: string;
  senderStaffId?: string;
  senderId?: string;
  senderNick?: string;
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
  robotCode: string;
  chatbotUserId: string;
  isInAtList: boolean;
  createAt: number;
  [k: string]: unknown;
}

let counter = 0;

export function robotPayload(over: Partial<RobotPayload> & { content?: string } = {}): RobotPayload {
  counter += 1;
  const { content, ...rest } = over;
  return {
    msgId: `msg-${counter}`,
    msgtype: 'text',
    text: { content: content ?? ' 谁负责补丁' },
    conversationId: 'cid-group-1',
    conversationType: '2',
    senderStaffId: 'staff01',
    senderId: '$:LWCP_v1:$sender01',
    senderNick: 'Li Lei',
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=secret-session',
    sessionWebhookExpiredTime: Date.now() + 60 * 60_000,
    robotCode: 'ding-robot-1',
    chatbotUserId: '$:LWCP_v1:$bot',
    isInAtList: true,
    createAt: Date.now(),
    ...rest,
  };
}
