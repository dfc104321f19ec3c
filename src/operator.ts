/**
 * Who runs the shop and how to reach them (WX-OPS-1; 001 1.1, 3.10): shown on 我的 → 联系我们 and
 * in the in-app privacy guide. The one place to change these facts. The values below are the
 * template's placeholders: replace them with your legal entity and real channels before release
 * (docs/release-checklist.md lists this while `placeholder` is true).
 */
export const OPERATOR = {
  /** The legal entity the mini program is registered to (主体名称). */
  name: '鲜选生活示例运营主体（请替换为你的主体名称）',
  phone: '400-000-0000',
  email: 'service@example.com',
  hours: '每天 9:00–21:00',
  /** How to complain, and how soon the operator answers. */
  complaint: '通过本页「联系客服」或发送邮件至 service@example.com 投诉与反馈，我们将在 15 个工作日内答复',
  /** True while these are the template's values; set to false once replaced. */
  placeholder: true,
} as const
