// Question intent, from the words people use to ask. Patterns run on normalised text.

export interface Intent {
  /** "Who owns / who is responsible / 谁负责 ..." — lead with the owner. */
  owner: boolean;
  /** "What is X / X是什么 / what does X do" — explain the thing. */
  what: boolean;
  /** "How do I ... / 怎么 ..." — lead with what to do and what helps. */
  how: boolean;
  /** "What is the difference between X and Y / X和Y的区别" — answer with what X and Y share. */
  compare: boolean;
  /** "A or B / A还是B" — a choice between two options. */
  choice: boolean;
  /** Alibaba Cloud is mentioned at all. */
  cloudMention: boolean;
  /** The asker's side (we, my, 客户 ...) is mentioned at all. */
  customerMention: boolean;
  /** The question frames the subject as Alibaba Cloud's (阿里云的 ..., Alibaba Cloud's ...). */
  cloudSide: boolean;
  /** The question frames the subject as the asker's own (我的 ..., my instance ...). */
  customerSide: boolean;
}

const OWNER_ZH = /谁|由谁|归谁|该谁|责任|职责|负责|是不是.*(阿里云|我们|客户)|(阿里云|我们|客户|用户)(的事|来做|来管|管吗|负责)/;
const OWNER_EN = /\b(who|whom|whose|responsib\w*|own|owns|owner|owned|ownership|in charge|job|duty|duties|accountab\w*)\b/;
const WHAT_ZH = /是什么|什么是|干什么|做什么|有什么用|有啥用|能做什么|能干什么|有哪些|作用|用途|介绍|区别|能发现|提供什么|绑定在/;
const WHAT_EN = /\b(what|what's|whats|which|explain|describe|tell me about|used for|difference)\b/;
const HOW_ZH = /怎么|怎样|如何|咋|方法|步骤/;
const HOW_EN = /\b(how|can i|should i|way to|steps?)\b/;
const COMPARE = /区别|差别|不同|对比|比较|界限|边界|分界|\b(difference|differences|differ|versus|vs|compare|comparison|line between|boundary|split between|divided between)\b/;
const CHOICE = /还是|或者|\bor\b/;
const CLOUD_MENTION = /阿里云|阿里|\b(alibaba|aliyun)\b/;
const CUSTOMER_MENTION = /我们|我方|我|客户|用户|咱们|\b(we|us|our|ours|i|my|me|customer|customers|tenant|tenants)\b/;
const CLOUD_SIDE = /阿里云的|阿里云自己|平台的|alibaba( cloud)?'s|alibaba( cloud)? own|the provider's|provider side/;
const CUSTOMER_SIDE = /我的|我们的|自己的|我方|\bmy\b|\bour\b|\bmine\b|\bours\b/;

export function detectIntent(normalized: string, raw: string): Intent {
  const lowerRaw = raw.toLowerCase();
  return {
    owner: OWNER_ZH.test(normalized) || OWNER_EN.test(normalized),
    what: WHAT_ZH.test(normalized) || WHAT_EN.test(normalized),
    how: HOW_ZH.test(normalized) || HOW_EN.test(normalized),
    compare: COMPARE.test(normalized),
    choice: CHOICE.test(normalized),
    cloudMention: CLOUD_MENTION.test(normalized),
    customerMention: CUSTOMER_MENTION.test(normalized),
    cloudSide: CLOUD_SIDE.test(lowerRaw),
    customerSide: CUSTOMER_SIDE.test(lowerRaw),
  };
}

/** Words that carry the question's form, not its subject. Removed before fuzzy matching. */
export const STOPWORDS = new Set([
  // en
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'doing', 'done', 'to', 'of', 'in',
  'on', 'for', 'at', 'by', 'with', 'from', 'and', 'or', 'not', 'no', 'it', 'its', 'this', 'that', 'these', 'those',
  'i', 'me', 'my', 'we', 'our', 'you', 'your', 'they', 'their', 'he', 'she', 'who', 'whom', 'whose', 'what', 'whats',
  'which', 'when', 'where', 'why', 'how', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must',
  'responsible', 'responsibility', 'responsibilitie', 'own', 'owns', 'owner', 'charge', 'job', 'duty', 'about', 'tell',
  'explain', 'please', 'there', 'any', 'some', 'up', 'out', 'if', 'so', 'than', 'then', 'have', 'has', 'had', 'get',
  'use', 'used', 'us', 'need', 'make', 'sure', 'keep', 'kept', 'set', 'handle', 'take', 'care', 'mean', 'really',
  'ecs', 'alibaba', 'aliyun', 'cloud', 'security', 'secure', 'instance', 'instances', 'server', 'servers', 'box',
  'hi', 'hello', 'hey', 'thanks', 'thank', 'ok',
  // zh
  '谁', '的', '了', '是', '吗', '呢', '吧', '啊', '和', '与', '及', '或', '在', '由', '来', '去', '把', '被', '给', '对',
  '我', '我们', '你', '你们', '他们', '它', '这', '那', '这个', '那个', '哪', '哪里', '哪些', '什么', '怎么', '怎样',
  '如何', '为什么', '负责', '责任', '管', '做', '能', '会', '要', '应该', '需要', '可以', '一下', '请问', '请', '一个',
  '云', '安全', '阿里', '阿里云', '实例', '服务', '服务器', '上', '中', '里', '有', '没有', '不', '吗', '么',
]);
