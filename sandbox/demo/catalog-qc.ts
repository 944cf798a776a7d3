/**
 * Project QC: a bearing / sliding-bearing parts maker supplying engine and vehicle makers
 * (auto-abc policy). Part numbers, defect words and quantities follow 000 篇五 (the real
 * complaint log): angle, roundness, runout, gauge, inner / outer diameter, face roundness,
 * thickness out of tolerance, too much anti-rust oil, parts loose in the box, wrong model in a
 * box (3968074 box held 5300834), sand holes (砂眼).
 */
import { presetPolicy } from '../../src/rules/presets';
import type { Rng } from './prng';

export interface QcPart {
  number: string;
  name: string;
  spec: string;
}

export interface QcCustomer {
  name: string;
  short: string;
  contact: string;
  parts: QcPart[];
}

export const QC_CUSTOMERS: QcCustomer[] = [
  {
    name: '东风康明斯发动机有限公司',
    short: '东风康明斯',
    contact: '刘工 138-0000-3101',
    parts: [
      { number: '3943449', name: '连杆轴瓦(上)', spec: 'ISDe 连杆瓦 壁厚 1.835±0.006' },
      { number: '3943450', name: '连杆轴瓦(下)', spec: 'ISDe 连杆瓦 壁厚 1.835±0.006' },
      { number: '3968074', name: '主轴瓦(上)', spec: 'ISBe 主轴瓦 Φ88.0×28.5' },
      { number: '5300834', name: '主轴瓦(下)', spec: 'ISBe 主轴瓦 Φ88.0×28.5' },
      { number: '3929039', name: '止推片', spec: '厚 2.44-0.05 半圆' },
      { number: '3955360', name: '凸轮轴衬套', spec: 'Φ58.5×Φ54.0×23' },
      { number: '4948508', name: '连杆衬套', spec: 'Φ43.0×Φ40.0×30' },
      { number: '5263553', name: '惰轮衬套', spec: 'Φ52.0×Φ48.0×35' },
    ],
  },
  {
    name: '广西玉柴机器股份有限公司',
    short: '玉柴机器',
    contact: '覃工 138-0000-3202',
    parts: [
      { number: 'J5700-1005010A', name: '主轴瓦(上)', spec: 'YC6J 主轴瓦 Φ95×31' },
      { number: 'J5700-1005011A', name: '主轴瓦(下)', spec: 'YC6J 主轴瓦 Φ95×31' },
      { number: 'J5700-1004014', name: '连杆轴瓦', spec: 'YC6J 连杆瓦 Φ70×27' },
      { number: 'J5700-1005050', name: '止推片', spec: '厚 3.0-0.05' },
      { number: 'G5800-1006004', name: '凸轮轴衬套', spec: 'Φ65×Φ60×25' },
      { number: 'F3000-1004103', name: '连杆小头衬套', spec: 'Φ46×Φ42×34' },
      { number: 'MJ300-1005010', name: '主轴瓦(上)', spec: 'YC4S 主轴瓦 Φ80×26' },
    ],
  },
  {
    name: '潍柴动力股份有限公司',
    short: '潍柴动力',
    contact: '孙工 138-0000-3303',
    parts: [
      { number: '612600010350', name: '主轴瓦(上)', spec: 'WP10 主轴瓦 Φ110×36' },
      { number: '612600010351', name: '主轴瓦(下)', spec: 'WP10 主轴瓦 Φ110×36' },
      { number: '612600030016', name: '连杆轴瓦', spec: 'WP10 连杆瓦 Φ82×32' },
      { number: '612600010359', name: '止推片', spec: '厚 3.45-0.05' },
      { number: '612630020011', name: '凸轮轴衬套', spec: 'Φ68×Φ63×30' },
      { number: '1000588601', name: '平衡轴衬套', spec: 'Φ50×Φ46×28' },
      { number: '1000490743', name: '惰轮轴承', spec: '6207-2RS' },
      { number: '612600010352', name: '主轴瓦(上) 加大 0.25', spec: 'WP10 主轴瓦 Φ109.75×36' },
      { number: '612630010021', name: '连杆衬套', spec: 'Φ50×Φ46×36' },
      { number: '1000691226', name: '张紧轮轴承', spec: '6305-2RS' },
    ],
  },
  {
    name: '一汽解放汽车有限公司',
    short: '一汽解放',
    contact: '赵工 138-0000-3404',
    parts: [
      { number: '3104015-A01', name: '圆锥滚子轴承内圈', spec: '32217 内圈 Φ85' },
      { number: '3104016-A01', name: '圆锥滚子轴承外圈', spec: '32217 外圈 Φ150' },
      { number: '3103015-A0E', name: '前轮毂轴承', spec: '33213 Φ65×Φ120×41' },
      { number: '1601180-A01', name: '离合器分离轴承', spec: '分离轴承 Φ55' },
      { number: '1307025-A01', name: '水泵轴连轴承', spec: 'WR1630830' },
      { number: '1004015-81D', name: '连杆轴瓦', spec: 'CA6DM 连杆瓦 Φ88×34' },
      { number: '1005015-81D', name: '主轴瓦(上)', spec: 'CA6DM 主轴瓦 Φ105×36' },
      { number: '1005016-81D', name: '主轴瓦(下)', spec: 'CA6DM 主轴瓦 Φ105×36' },
      { number: '3104017-A01', name: '后轮毂轴承内圈', spec: '32219 内圈 Φ95' },
    ],
  },
  {
    name: '上汽通用五菱汽车股份有限公司',
    short: '上汽通用五菱',
    contact: '韦工 138-0000-3505',
    parts: [
      { number: '24512349', name: '轮毂轴承单元', spec: 'DAC42820037 第二代' },
      { number: '24535771', name: '张紧轮轴承', spec: '6203-2RS 带轮' },
      { number: '24520336', name: '发电机轴承', spec: '6202-2RS' },
      { number: '24546312', name: '离合器分离轴承', spec: '分离轴承 Φ40' },
      { number: '24509917', name: '后轮轴承', spec: '6306-2RS' },
      { number: '24531480', name: '主轴瓦(上)', spec: 'LJ479 主轴瓦 Φ55×19' },
      { number: '24531481', name: '主轴瓦(下)', spec: 'LJ479 主轴瓦 Φ55×19' },
      { number: '24538865', name: '连杆轴瓦', spec: 'LJ479 连杆瓦 Φ45×17' },
      { number: '24527754', name: '空调压缩机轴承', spec: '35BD219' },
    ],
  },
  {
    name: '中国重汽集团济南动力有限公司',
    short: '中国重汽',
    contact: '马工 138-0000-3606',
    parts: [
      { number: 'VG1540010011', name: '主轴瓦(上)', spec: 'D12 主轴瓦 Φ118×38' },
      { number: 'VG1540010012', name: '主轴瓦(下)', spec: 'D12 主轴瓦 Φ118×38' },
      { number: 'VG1540030033', name: '连杆轴瓦', spec: 'D12 连杆瓦 Φ90×35' },
      { number: 'VG1540010015', name: '止推片', spec: '厚 3.2-0.05' },
      { number: 'AZ9112340006', name: '圆锥滚子轴承', spec: '33118 Φ90×Φ150×45' },
      { number: 'VG1540030034', name: '连杆衬套', spec: 'Φ55×Φ50×38' },
      { number: 'VG1246010033', name: '凸轮轴衬套', spec: 'Φ70×Φ65×28' },
      { number: 'AZ9231340211', name: '圆锥滚子轴承', spec: '32314 Φ70×Φ150×54' },
    ],
  },
];

export type AbcRootCause =
  | 'design'
  | 'manufacturing'
  | 'transport'
  | 'sales-circulation'
  | 'customer-misuse'
  | 'raw-material'
  | 'wrong-part'
  | 'line-stop';

/** Departments the auto-abc matrix allows per root cause (the demo picks one): the preset's own. */
export const ABC_DEPARTMENTS = presetPolicy('auto-abc').matrix.byRootCause as Record<AbcRootCause, string[]>;

export interface CauseTexts {
  occur: string;
  outflow: string;
  actOccur: string;
  actOutflow: string;
}

export const CAUSE_TEXTS: Record<AbcRootCause, CauseTexts[]> = {
  manufacturing: [
    {
      occur: '磨床砂轮修整器定位松动，修整后尺寸漂移，换班后未做首件复核',
      outflow: '终检抽检频次 1 次/班，该尺寸未纳入 100% 在线检测',
      actOccur: '修整器加装防松销；换班、修整后首件三检并记录 SPC',
      actOutflow: '该尺寸改为在线气动量仪 100% 检测，超差自动分选',
    },
    {
      occur: '精镗刀片磨损未按刀具寿命更换，孔径逐件偏大',
      outflow: '巡检间隔 2 h，期间超差件已流入成品',
      actOccur: '刀具寿命纳入 MES 计数，到寿命强制换刀',
      actOutflow: '巡检改为 30 min/次，末件与首件对比确认后方可放行',
    },
    {
      occur: '夹具定位面磨损，装夹变形导致圆度/跳动超差',
      outflow: '出厂检验只测尺寸未测形位公差',
      actOccur: '更换定位块并纳入夹具点检表，每周点检',
      actOutflow: '出厂检验增加圆度仪抽检 5 件/批',
    },
  ],
  design: [
    {
      occur: '图纸公差沿用旧版，未随客户 ECN 更新',
      outflow: 'ECN 评审漏项，检验指导书未同步修订',
      actOccur: '图纸按客户最新版 ECN 修订并会签',
      actOutflow: 'ECN 流程增加检验文件同步确认项',
    },
    {
      occur: '包装设计未规定防锈油涂覆量及隔板，运输中产品相互碰撞',
      outflow: '包装规范未经客户认可即投入使用',
      actOccur: '修订包装作业指导书：定量浸油、沥油 10 min、加隔板',
      actOutflow: '新包装方案提交客户确认后切换，首批跟踪验证',
    },
  ],
  'raw-material': [
    {
      occur: '合金浇铸时除气不充分，来料钢背复合层存在气孔（砂眼）',
      outflow: '来料检验抽样未包含剖切检查',
      actOccur: '要求供应商增加除气工序并提供每炉检测报告',
      actOutflow: '来料检验增加每批 2 件剖切与渗透检查',
    },
    {
      occur: '来料钢带厚度偏差接近上限，热处理后变形增大',
      outflow: '来料仅核对质保书，未实测厚度',
      actOccur: '与供应商重新约定厚度公差中值控制',
      actOutflow: '来料每卷首尾实测厚度并记录',
    },
  ],
  'wrong-part': [
    {
      occur: '两种相近型号同线生产，换型时上一型号余料未清线',
      outflow: '包装时仅目视核对，未扫码校验型号',
      actOccur: '换型执行清线确认单，余料隔离并标识',
      actOutflow: '包装工位增加条码扫描防错，型号不符不能打印标签',
    },
    {
      occur: '成品库拣货时货位标识不清，拿错相邻货位产品',
      outflow: '出库复核只核数量未核型号',
      actOccur: '相近型号货位隔开摆放并更换醒目货位卡',
      actOutflow: '出库双人复核型号、数量并扫码',
    },
  ],
  transport: [
    {
      occur: '承运车辆未按要求加固，运输中纸箱挤压、产品磕碰',
      outflow: '发货前未检查装车加固情况',
      actOccur: '与承运商签订装载要求，托盘缠绕膜加固',
      actOutflow: '发货员拍照确认装车状态后放行',
    },
  ],
  'sales-circulation': [
    {
      occur: '经销库存周转超期，产品在非恒温仓存放 9 个月',
      outflow: '销售发货未执行先进先出',
      actOccur: '库龄超 6 个月产品复检后方可发货',
      actOutflow: 'ERP 设置先进先出强制规则',
    },
  ],
  'customer-misuse': [
    {
      occur: '客户装配时使用铜棒敲击压装，造成合金层损伤',
      outflow: '装配指导未随货提供',
      actOccur: '向客户提供压装工装建议及装配指导书',
      actOutflow: '新客户导入时增加装配培训',
    },
  ],
  'line-stop': [
    {
      occur: '计划排产未考虑客户临时加量，成品库存不足导致断供',
      outflow: '客户需求变化未及时传递到生产计划',
      actOccur: '关键件设置 3 天安全库存，每日与客户核对滚动计划',
      actOutflow: '销售接单即同步计划，缺口当日预警',
    },
  ],
};

export interface QcDefectType {
  id: string;
  category: 'quality' | 'delivery' | 'notice';
  word: string;
  causes: readonly (readonly [AbcRootCause, number])[];
  dispositions: readonly ('return' | 'exchange' | 'compensation' | 'rework' | 'concession' | 'not-our-fault' | 'other' | 'use-as-is')[];
  /** `qty` is the defect quantity of the complaint. */
  describe: (rng: Rng, part: QcPart, other: QcPart, qty: number) => string;
}

const mm = (rng: Rng, base: number, dev: number): string => (base + (rng.next() - 0.3) * dev).toFixed(3);

export const QC_DEFECTS: QcDefectType[] = [
  {
    id: 'angle',
    category: 'quality',
    word: '角度不合格',
    causes: [['manufacturing', 3], ['design', 1]],
    dispositions: ['rework', 'exchange', 'return'],
    describe: (rng, p) => `${p.number} ${p.name}角度不合格：实测 ${rng.int(14, 15)}°${rng.int(10, 40)}′，图纸要求 15°00′±6′，客户来料检验发现`,
  },
  {
    id: 'roundness',
    category: 'quality',
    word: '圆度超差',
    causes: [['manufacturing', 3], ['raw-material', 1]],
    dispositions: ['rework', 'exchange', 'concession'],
    describe: (rng, p) => `${p.name}圆度超差：实测 0.0${rng.int(10, 19)} mm，要求 ≤0.008 mm`,
  },
  {
    id: 'runout',
    category: 'quality',
    word: '圆度、跳动和量规不合格',
    causes: [['manufacturing', 1]],
    dispositions: ['rework', 'exchange', 'return'],
    describe: (rng, p) => `${p.name}圆度、跳动和量规不合格：径向跳动 0.0${rng.int(25, 48)} mm（要求 ≤0.020），止规可通过`,
  },
  {
    id: 'gauge',
    category: 'quality',
    word: '量规超差',
    causes: [['manufacturing', 1]],
    dispositions: ['rework', 'exchange'],
    describe: (_rng, p, _o, qty) => `${p.name}量规超差：客户专用检具检测 ${qty} 件不通过`,
  },
  {
    id: 'bore',
    category: 'quality',
    word: '内径不合格',
    causes: [['manufacturing', 1]],
    dispositions: ['rework', 'exchange', 'return'],
    describe: (rng, p) => `${p.name}内径不合格：实测 Φ${mm(rng, 52.03, 0.02)}，要求 Φ52.000~52.025`,
  },
  {
    id: 'od',
    category: 'quality',
    word: '外径不合格',
    causes: [['manufacturing', 1]],
    dispositions: ['rework', 'exchange'],
    describe: (rng, p) => `${p.name}外径不合格：实测 Φ${mm(rng, 90.04, 0.03)}，要求 Φ90.000~90.030，装配过盈量不足`,
  },
  {
    id: 'face',
    category: 'quality',
    word: '端面圆度不良',
    causes: [['manufacturing', 1]],
    dispositions: ['rework', 'concession'],
    describe: (rng, p) => `${p.name}端面圆度不良：端面跳动 0.0${rng.int(15, 30)} mm，要求 ≤0.012 mm`,
  },
  {
    id: 'thickness',
    category: 'quality',
    word: '厚度超差',
    causes: [['manufacturing', 2], ['raw-material', 1]],
    dispositions: ['exchange', 'return', 'concession'],
    describe: (rng, p) => `${p.name}厚度超差：壁厚实测 ${mm(rng, 1.82, 0.03)} mm，超差 0.0${rng.int(5, 9)} mm`,
  },
  {
    id: 'sandhole',
    category: 'quality',
    word: '砂眼',
    causes: [['raw-material', 1]],
    dispositions: ['exchange', 'return'],
    describe: (rng, p) => `${p.name}合金层表面砂眼：Φ0.${rng.int(3, 8)} mm 共 ${rng.int(1, 4)} 处，客户装机前目检发现`,
  },
  {
    id: 'oil',
    category: 'quality',
    word: '防锈油过多',
    causes: [['design', 2], ['manufacturing', 1]],
    dispositions: ['use-as-is', 'rework'],
    describe: (_rng, p) => `${p.name}包装防锈油过多：油液渗出纸箱，客户需额外清洗后上线`,
  },
  {
    id: 'loose',
    category: 'quality',
    word: '包装时产品散乱',
    causes: [['design', 1], ['transport', 1]],
    dispositions: ['exchange', 'use-as-is'],
    describe: (_rng, p, _o, qty) => `${p.name}包装时产品散乱：盒内无隔板，${qty} 件端面磕碰`,
  },
  {
    id: 'scratch',
    category: 'quality',
    word: '合金层划伤',
    causes: [['manufacturing', 1], ['customer-misuse', 1]],
    dispositions: ['exchange', 'not-our-fault'],
    describe: (rng, p) => `${p.name}合金层划伤：深 0.0${rng.int(1, 5)} mm 划痕，装机后异响`,
  },
  {
    id: 'rust',
    category: 'quality',
    word: '锈蚀',
    causes: [['sales-circulation', 1], ['transport', 1]],
    dispositions: ['exchange', 'return'],
    describe: (_rng, p, _o, qty) => `${p.name}外圆锈蚀：开箱发现 ${qty} 件点状锈斑`,
  },
  {
    id: 'mixed',
    category: 'delivery',
    word: '混料',
    causes: [['wrong-part', 1]],
    dispositions: ['exchange'],
    describe: (_rng, p, o, qty) => `${p.number} 型号产品中发现了 ${o.number} 型号产品 ${qty} 件`,
  },
  {
    id: 'wrongbox',
    category: 'delivery',
    word: '装错型号',
    causes: [['wrong-part', 1]],
    dispositions: ['exchange'],
    describe: (_rng, p, o) => `${p.number} 包装盒内实际装的是 ${o.number} 型号产品`,
  },
  {
    id: 'short',
    category: 'delivery',
    word: '数量短少',
    causes: [['wrong-part', 1]],
    dispositions: ['exchange', 'other'],
    describe: (rng, p, _o, qty) => `${p.name}到货数量短少：箱标 ${rng.int(1, 4) * 50} 件，实点少 ${qty} 件`,
  },
  {
    id: 'late',
    category: 'delivery',
    word: '交货延迟',
    causes: [['line-stop', 2], ['transport', 1]],
    dispositions: ['compensation', 'other'],
    describe: (rng, p) => `${p.name}未按订单交期到货，延迟 ${rng.int(1, 4)} 天，客户线边库存告急`,
  },
  {
    id: 'ecn',
    category: 'notice',
    word: '图纸变更通知',
    causes: [['design', 1]],
    dispositions: ['other'],
    describe: (rng, p) => `客户发来 ECN-${rng.int(2025, 2026)}-${String(rng.int(1, 300)).padStart(3, '0')}：${p.number} 倒角及油槽尺寸变更，要求确认切换时间`,
  },
  {
    id: 'ppap',
    category: 'notice',
    word: 'PPAP 资料更新要求',
    causes: [['design', 1]],
    dispositions: ['other'],
    describe: (_rng, p) => `客户要求更新 ${p.number} PPAP 资料（全尺寸报告、材质报告、PFMEA）`,
  },
  {
    id: 'audit',
    category: 'notice',
    word: '过程审核通知',
    causes: [['sales-circulation', 1]],
    dispositions: ['other'],
    describe: (rng) => `客户通知 ${rng.int(1, 12)} 月进行 VDA 6.3 过程审核，要求提前提交自评报告`,
  },
  {
    id: 'pack-suggest',
    category: 'notice',
    word: '包装改进建议',
    causes: [['design', 1]],
    dispositions: ['other'],
    describe: (_rng, p) => `客户建议 ${p.number} 改用可循环周转箱并加防锈袋`,
  },
];

export const QC_CONTAINMENT: string[] = [
  '库存品及在途品全部隔离，派员赴客户现场 100% 挑选',
  '同批次库存冻结并 100% 复检，合格品加贴绿色标签后紧急补发',
  '客户线边在用品全检，不良品退回分析，补发合格品',
  '通知各分厂停止该料号发货，在制品逐件复检',
];

export const QC_NOTICE_CONTAINMENT: string[] = [
  '已登记并转技术部评估，答复客户预计完成时间',
  '已下发各分厂及质量部知会，按要求准备资料',
];

export const QC_LATE_REASONS: string[] = [
  '主机厂周末停线，值班人员未能在时限内完成 3D 围堵',
  '客户现场挑选人员次日方到位',
  '等待客户退回不良样件后才能确认',
  '春节假期物流停运，样件延迟寄回',
  '原材料供应商复检报告延迟提供',
];

export const QC_REPLIES: string[] = [
  '已提交 8D 报告，挑选合格品已补发，后续批次附检测报告',
  '已书面回复原因与对策，不良品按退货处理',
  '已回复客户并安排返工，返工品经客户确认后使用',
  '已与客户 SQE 电话及邮件确认处理方案',
];

export const QC_FOLLOW_UP_BY: string[] = ['质量部 陈工', '质量部 黄工', '销售部 周经理', '质量部 吴工'];
