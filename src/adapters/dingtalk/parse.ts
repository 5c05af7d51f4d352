import { z } from 'zod';
import type { ChatRequest } from '../../chat/types.js';

// The robot callback's `data` (a JSON string) → a checked message. Anything we cannot trust
// to answer (bad JSON, missing ids or webhook) is rejected with a reason safe to log.

const Message = z.object({
  msgId: z.string().min(1),
  msgtype: z.string().default('text'),
  conversationId: z.string().min(1),
  conversationType: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderId: z.string().optional(),
  senderNick: z.string().optional(),
  sessionWebhook: z.string().regex(/^https?:\/\//),
  sessionWebhookExpiredTime: z.number().optional(),
  robotCode: z.string().optional(),
  text: z.object({ content: z.string() }).optional(),
  // richText arrives as content.richText: [{ text }, { downloadCode, type: 'picture' }, ...].
  content: z.object({ richText: z.array(z.object({ text: z.string().optional() }).loose()).optional() }).loose().optional(),
});

export type RobotMessage = z.infer<typeof Message> & { text: { content: string } };

export type ParseResult = { ok: true; message: RobotMessage } | { ok: false; reason: string; msgId?: string };

export function parseRobotMessage(data: unknown): ParseResult {
  let json: unknown;
  try {
    json = typeof data === 'string' ? JSON.parse(data) : data;
  } catch {
    return { ok: false, reason: 'data is not JSON' };
  }
  const parsed = Message.safeParse(json);
  const msgId = typeof (json as { msgId?: unknown })?.msgId === 'string' ? (json as { msgId: string }).msgId : undefined;
  if (!parsed.success) {
    // Field names only: values may hold the session webhook, which is a bearer credential.
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    return { ok: false, reason: `missing or invalid fields: ${fields}`, msgId };
  }
  const m = parsed.data;
  if (!m.senderStaffId && !m.senderId) return { ok: false, reason: 'missing or invalid fields: senderStaffId, senderId', msgId };
  const content = m.text?.content ?? m.content?.richText?.map((p) => p.text ?? '').join('');
  if (content === undefined) return { ok: false, reason: `unsupported msgtype ${m.msgtype.slice(0, 20)}`, msgId };
  return { ok: true, message: { ...m, text: { content } } };
}

const COMMAND = /^[/／]?(posture|digest|help|帮助|whoowns)(?=\s|$)\s*([\s\S]*)$/i;

/** Drop the leading @bot mention(s) DingTalk may leave in the text, and surrounding space. */
export function stripMentions(content: string): string {
  return content.trim().replace(/^(?:[@＠]\S*\s*)+/, '').trim();
}

/**
 * DingTalk has no slash commands, so the words work as text: "posture sg", "/posture sg",
 * "帮助", "/whoowns 谁负责补丁". Anything else is a question. A bare @mention asks for help.
 */
export function toChatRequest(text: string): ChatRequest {
  const t = text.trim();
  if (!t) return { command: 'help', text: '' };
  const m = COMMAND.exec(t);
  if (!m) return { command: 'ask', text: t };
  const word = m[1]!.toLowerCase();
  return { command: word === '帮助' ? 'help' : word, text: (m[2] ?? '').trim() };
}
