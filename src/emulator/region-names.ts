// Region ids the emulator knows by name (LocalName in DescribeRegions); others show their id.

const REGION_NAMES: Record<string, string> = {
  'cn-hangzhou': '华东1（杭州）',
  'cn-shanghai': '华东2（上海）',
  'cn-qingdao': '华北1（青岛）',
  'cn-beijing': '华北2（北京）',
  'cn-zhangjiakou': '华北3（张家口）',
  'cn-huhehaote': '华北5（呼和浩特）',
  'cn-wulanchabu': '华北6（乌兰察布）',
  'cn-shenzhen': '华南1（深圳）',
  'cn-heyuan': '华南2（河源）',
  'cn-guangzhou': '华南3（广州）',
  'cn-chengdu': '西南1（成都）',
  'cn-hongkong': '中国香港',
  'ap-northeast-1': '日本（东京）',
  'ap-northeast-2': '韩国（首尔）',
  'ap-southeast-1': '新加坡',
  'ap-southeast-3': '马来西亚（吉隆坡）',
  'ap-southeast-5': '印度尼西亚（雅加达）',
  'ap-southeast-6': '菲律宾（马尼拉）',
  'ap-southeast-7': '泰国（曼谷）',
  'us-east-1': '美国（弗吉尼亚）',
  'us-west-1': '美国（硅谷）',
  'eu-west-1': '英国（伦敦）',
  'eu-central-1': '德国（法兰克福）',
  'me-east-1': '阿联酋（迪拜）',
};

export function regionLocalName(regionId: string): string {
  return REGION_NAMES[regionId] ?? regionId;
}

export function knownRegionIds(): string[] {
  return Object.keys(REGION_NAMES);
}
