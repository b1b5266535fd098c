/** The words of the incentive mails (docs/incentives.md), per language; `d` is the event's payload. */
type Copy = { subject: string; lines: string[] };
const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

// biome-ignore lint/suspicious/noExplicitAny: each event's payload has its own resource shape
export const INCENTIVE_MAIL_COPY: Record<string, Record<"en" | "zh-CN", (d: any) => Copy>> = {
  "incentive.statement_closed": {
    en: (d) => ({
      subject: `Your statement for ${d.program_name} is closed`,
      lines: [
        `Your statement ${d.sequence} for the incentive program ${d.program_name} is closed: ${d.totals?.eligible} eligible sellers, payable ${money(d.totals?.payable_minor ?? 0, d.totals?.currency ?? "")}${d.totals?.cap_applied ? " (the program's cap applied)" : ""}.`,
        `Its content hash is ${d.content_hash}. Download the signed statement in the partner portal (Incentives) and verify it offline with the SDK's verifyStatement().`,
        "If a line looks wrong, dispute it there.",
      ],
    }),
    "zh-CN": (d) => ({
      subject: `您的「${d.program_name_zh}」结算单已关闭`,
      lines: [
        `激励计划「${d.program_name_zh}」的第 ${d.sequence} 份结算单已关闭：符合条件的商家 ${d.totals?.eligible} 家，应付 ${money(d.totals?.payable_minor ?? 0, d.totals?.currency ?? "")}${d.totals?.cap_applied ? "（已按计划上限封顶）" : ""}。`,
        `内容哈希：${d.content_hash}。请在合作伙伴门户（激励）中下载已签名的结算单，并可使用 SDK 的 verifyStatement() 离线校验。`,
        "如对某一行有异议，可在门户中提出申诉。",
      ],
    }),
  },
  "incentive.dispute_resolved": {
    en: (d) =>
      d.status === "accepted"
        ? {
            subject: "Your incentive dispute was accepted",
            lines: [
              `A reviewer accepted your dispute of a statement line: an adjustment of ${d.adjustment_minor} (minor units) is on your next statement.`,
              `Reviewer's reason: ${d.resolution_reason}`,
            ],
          }
        : {
            subject: "Your incentive dispute was rejected",
            lines: ["A reviewer rejected your dispute of a statement line.", `Reviewer's reason: ${d.resolution_reason}`],
          },
    "zh-CN": (d) =>
      d.status === "accepted"
        ? {
            subject: "您的激励申诉已被接受",
            lines: [
              `审核员接受了您对结算单某一行的申诉：调整金额 ${d.adjustment_minor}（最小货币单位）将列入您的下一份结算单。`,
              `审核原因：${d.resolution_reason}`,
            ],
          }
        : {
            subject: "您的激励申诉已被驳回",
            lines: ["审核员驳回了您对结算单某一行的申诉。", `审核原因：${d.resolution_reason}`],
          },
  },
};
