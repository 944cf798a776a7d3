/**
 * Project SV: a food company (food policy, 000 篇一) selling snacks and baked goods through
 * distributors, supermarkets and e-commerce. Categories: 外观包装类 (damage in transport),
 * 产品质量类 (foreign matter, off taste, date label), 服务质量类 (late delivery, attitude),
 * 建议类, 其他类.
 */
import type { Rng } from './prng';

export interface SvProduct {
  code: string;
  name: string;
  spec: string;
  line: string;
}

export const SV_PRODUCTS: SvProduct[] = [
  { code: 'SP-1101', name: '手撕面包（原味）', spec: '400g×10袋/箱', line: '烘焙一线' },
  { code: 'SP-1102', name: '手撕面包（红枣味）', spec: '400g×10袋/箱', line: '烘焙一线' },
  { code: 'SP-1205', name: '芝麻薄脆饼干', spec: '300g×12盒/箱', line: '饼干线' },
  { code: 'SP-1206', name: '苏打饼干（香葱）', spec: '400g×12袋/箱', line: '饼干线' },
  { code: 'SP-1310', name: '蛋黄酥', spec: '6枚装×16盒/箱', line: '烘焙二线' },
  { code: 'SP-1311', name: '绿豆糕', spec: '240g×20盒/箱', line: '烘焙二线' },
  { code: 'SP-2101', name: '五香牛肉干', spec: '100g×40袋/箱', line: '肉制品线' },
  { code: 'SP-2102', name: '猪肉脯（原味）', spec: '128g×40袋/箱', line: '肉制品线' },
  { code: 'SP-3101', name: '每日坚果', spec: '25g×30包×8盒/箱', line: '坚果线' },
  { code: 'SP-3120', name: '坚果礼盒', spec: '750g×6盒/箱', line: '坚果线' },
  { code: 'SP-4101', name: '速冻汤圆（黑芝麻）', spec: '500g×20袋/箱', line: '速冻线' },
];

export interface SvCustomer {
  name: string;
  kind: 'distributor' | 'supermarket' | 'ecommerce';
  contact: string;
}

export const SV_CUSTOMERS: SvCustomer[] = [
  { name: '郑州华联食品经销部', kind: 'distributor', contact: '王经理 138-0000-4101' },
  { name: '长沙万家副食批发商行', kind: 'distributor', contact: '李经理 138-0000-4102' },
  { name: '成都蓉丰食品贸易有限公司', kind: 'distributor', contact: '张经理 138-0000-4103' },
  { name: '石家庄广源商贸', kind: 'distributor', contact: '赵经理 138-0000-4104' },
  { name: '合肥徽味食品经营部', kind: 'distributor', contact: '孙经理 138-0000-4105' },
  { name: '华润万家（深圳南山店）', kind: 'supermarket', contact: '采购 周女士 138-0000-4201' },
  { name: '永辉超市（福州仓山店）', kind: 'supermarket', contact: '采购 陈先生 138-0000-4202' },
  { name: '大润发（杭州滨江店）', kind: 'supermarket', contact: '采购 吴女士 138-0000-4203' },
  { name: '物美超市（北京双井店）', kind: 'supermarket', contact: '采购 郑先生 138-0000-4204' },
  { name: '天猫旗舰店 买家 t***8', kind: 'ecommerce', contact: '平台虚拟号 138-0000-4301' },
  { name: '京东自营 买家 j***n', kind: 'ecommerce', contact: '平台虚拟号 138-0000-4302' },
  { name: '拼多多店铺 买家 小***', kind: 'ecommerce', contact: '平台虚拟号 138-0000-4303' },
  { name: '抖音小店 买家 m***y', kind: 'ecommerce', contact: '平台虚拟号 138-0000-4304' },
];

export type FoodCategory = 'service' | 'packaging' | 'quality' | 'suggestion' | 'other';

export interface SvIssueType {
  category: FoodCategory;
  word: string;
  /** `qty` is the defect quantity of the complaint. */
  describe: (rng: Rng, p: SvProduct, qty: number) => string;
  dispositions: readonly ('return' | 'exchange' | 'compensation' | 'discount' | 'other' | 'not-our-fault')[];
  cause: { occur: string; outflow: string; actOccur: string; actOutflow: string };
}

export const SV_ISSUES: SvIssueType[] = [
  {
    category: 'packaging',
    word: '外箱破损',
    describe: (_rng, p, qty) => `${p.name}到货外箱破损 ${qty} 箱，部分内袋挤压变形`,
    dispositions: ['exchange', 'compensation'],
    cause: {
      occur: '承运商装卸野蛮作业，堆码超过 8 层',
      outflow: '发货时未检查承运车辆装载',
      actOccur: '与承运商签订装卸要求并按破损率考核',
      actOutflow: '储运部发货拍照留证，堆码限高 6 层',
    },
  },
  {
    category: 'packaging',
    word: '运输淋湿',
    describe: (_rng, p, qty) => `${p.name}运输途中遇雨淋湿 ${qty} 箱，纸箱软化`,
    dispositions: ['exchange', 'compensation'],
    cause: {
      occur: '敞篷车运输且未加盖篷布',
      outflow: '雨季发货未确认车辆防雨条件',
      actOccur: '雨季一律使用厢式货车',
      actOutflow: '发货检查表增加防雨确认项',
    },
  },
  {
    category: 'packaging',
    word: '外包装压痕划花',
    describe: (_rng, p, qty) => `${p.name}外包装表面压痕、划花 ${qty} 件`,
    dispositions: ['exchange', 'discount'],
    cause: {
      occur: '礼盒外箱无内衬，运输中相互摩擦',
      outflow: '出库检验未抽查礼盒外观',
      actOccur: '礼盒加珍珠棉内衬',
      actOutflow: '节日礼盒出库 100% 外观检查',
    },
  },
  {
    category: 'quality',
    word: '异物（头发）',
    describe: (_rng, p) => `消费者反映${p.name}中发现头发一根`,
    dispositions: ['exchange', 'compensation'],
    cause: {
      occur: '包装工位员工发网佩戴不规范',
      outflow: '金属探测无法检出毛发类异物，目检遗漏',
      actOccur: '进车间前风淋 + 粘毛滚筒双人互查',
      actOutflow: '包装前增加灯检工位',
    },
  },
  {
    category: 'quality',
    word: '异物（塑料片）',
    describe: (_rng, p) => `${p.name}中发现约 3 mm 蓝色塑料片`,
    dispositions: ['exchange', 'compensation'],
    cause: {
      occur: '配料周转筐边缘破损，碎片混入物料',
      outflow: '周转筐未纳入班前检查',
      actOccur: '破损周转筐全部报废，改用金属可探测材质',
      actOutflow: '班前检查表增加周转筐完好性',
    },
  },
  {
    category: 'quality',
    word: '口感异常（哈喇味）',
    describe: (_rng, p) => `${p.name}有哈喇味，口感发苦`,
    dispositions: ['return', 'exchange'],
    cause: {
      occur: '坚果原料储存温度过高，油脂氧化',
      outflow: '原料入库未检测过氧化值',
      actOccur: '原料冷库储存，温度 ≤15℃',
      actOutflow: '每批原料检测酸价、过氧化值',
    },
  },
  {
    category: 'quality',
    word: '发霉',
    describe: (_rng, p, qty) => `${p.name}保质期内发霉 ${qty} 袋`,
    dispositions: ['return', 'compensation'],
    cause: {
      occur: '封口温度偏低导致漏气，水分活度升高',
      outflow: '封口强度检测频次不足',
      actOccur: '封口机温控校准并加装报警',
      actOutflow: '每小时抽检封口强度及漏气',
    },
  },
  {
    category: 'quality',
    word: '日期标签错误',
    describe: (_rng, p) => `${p.name}外袋喷码生产日期与箱标不一致，显示已过保质期`,
    dispositions: ['exchange', 'return'],
    cause: {
      occur: '喷码机换批时日期未更新',
      outflow: '喷码首件确认未执行',
      actOccur: '喷码日期与 MES 批次自动关联',
      actOutflow: '换批首件喷码拍照上传确认',
    },
  },
  {
    category: 'quality',
    word: '胀袋',
    describe: (_rng, p, qty) => `${p.name}胀袋 ${qty} 袋`,
    dispositions: ['return', 'exchange'],
    cause: {
      occur: '杀菌时间不足，微生物产气',
      outflow: '杀菌记录未逐釜复核',
      actOccur: '杀菌参数锁定，异常自动停机',
      actOutflow: '品质部逐釜复核杀菌记录并保温试验',
    },
  },
  {
    category: 'service',
    word: '送货延迟',
    describe: (rng) => `订单约定 ${rng.int(1, 3)} 日内送达，实际延迟 ${rng.int(2, 5)} 天，影响门店促销`,
    dispositions: ['discount', 'other'],
    cause: {
      occur: '旺季订单集中，排车计划不足',
      outflow: '延迟未提前告知客户',
      actOccur: '旺季增加临时运力储备',
      actOutflow: '预计延迟时当日通知客户并给出到货时间',
    },
  },
  {
    category: 'service',
    word: '订单漏发',
    describe: (_rng, p, qty) => `订单中${p.name} ${qty} 箱漏发`,
    dispositions: ['other', 'discount'],
    cause: {
      occur: '拣货单打印不全，末行被截断',
      outflow: '出库复核只核总箱数',
      actOccur: '拣货单改为扫码拣货',
      actOutflow: '出库按品项逐项复核',
    },
  },
  {
    category: 'service',
    word: '客服态度差',
    describe: () => '客户反映客服电话答复生硬，问题未解决即挂断',
    dispositions: ['other'],
    cause: {
      occur: '新入职客服未完成服务规范培训即上岗',
      outflow: '通话质检抽查比例低',
      actOccur: '客服上岗前考核服务规范',
      actOutflow: '通话录音质检比例提高到 20%',
    },
  },
  {
    category: 'suggestion',
    word: '建议推出小包装',
    describe: (_rng, p) => `建议${p.name}推出 100g 便携小包装`,
    dispositions: ['other'],
    cause: {
      occur: '现有规格以家庭装为主',
      outflow: '渠道需求未定期收集',
      actOccur: '建议提交副总经理，纳入新品评审',
      actOutflow: '每季度汇总渠道建议',
    },
  },
  {
    category: 'suggestion',
    word: '返利政策建议',
    describe: () => '经销商建议节日期间返利按月度累计计算',
    dispositions: ['other'],
    cause: {
      occur: '现行返利按单笔订单计算',
      outflow: '政策调整未征求经销商意见',
      actOccur: '副总经理组织评估返利方案',
      actOutflow: '政策发布前召开经销商沟通会',
    },
  },
  {
    category: 'other',
    word: '促销规则误解',
    describe: () => '客户对满减活动规则不理解，认为被多收费',
    dispositions: ['not-our-fault', 'other'],
    cause: {
      occur: '活动页规则描述不清',
      outflow: '客服未主动解释规则',
      actOccur: '活动规则改为示例说明',
      actOutflow: '客服话术增加活动规则说明',
    },
  },
  {
    category: 'other',
    word: '价格质疑',
    describe: (_rng, p) => `客户认为${p.name}价格高于其他渠道`,
    dispositions: ['not-our-fault', 'other'],
    cause: {
      occur: '不同渠道促销期不同步',
      outflow: '价格差异未向客户说明',
      actOccur: '统一渠道促销日历',
      actOutflow: '销售部向客户解释价格政策',
    },
  },
];

export const SV_CONTAINMENT: Record<FoodCategory, string[]> = {
  quality: ['同批次库存冻结，通知经销商及门店下架', '留样复检并封存同批次产品，安排退换'],
  packaging: ['安排补发同数量产品，破损品拍照留证并向承运商索赔', '到货破损品就地清点，当日补发'],
  service: ['当日安排专车补送', '销售部主管致电客户致歉并确认补救方案'],
  suggestion: ['已记录建议并答复客户将提交评估'],
  other: ['已电话向客户解释政策', '已说明规则并记录客户意见'],
};

export const SV_LATE_REASONS: string[] = [
  '承运商索赔资料未及时提供',
  '节假日期间回访延后',
  '客户联系不上，回访延期',
  '外检机构检测报告延迟出具',
];

export const SV_APPROVERS: string[] = ['副总经理 周建国', '副总经理 林海'];
export const SV_FOLLOW_UP_BY: string[] = ['电子商务部 客服 小杨', '销售部 售后 李娜', '销售部 售后 王磊'];
