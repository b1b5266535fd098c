import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ReferralLinkCard } from "../components/ReferralLinkCard.tsx";
import type { ReferralLink } from "../lib/api.ts";
import { I18nProvider } from "../lib/i18n.tsx";

const link = { url: "https://go.shopreg.example/AbCdEf123", audience: "CROSS_BORDER_SELLER" } as ReferralLink;

describe("the referral link card", () => {
  it("builds a tagged link with the SDK, with its QR code, in English and Chinese", async () => {
    const user = userEvent.setup({ delay: null });
    const { unmount } = render(
      <I18nProvider lang="en">
        <ReferralLinkCard link={link} serviceName="Harbor" />
      </I18nProvider>,
    );
    // Each language's words load on their own chunk first.
    await user.click(await screen.findByRole("button", { name: "Build a tagged link" }));
    const tagged = screen.getByTestId("tagged-url-CROSS_BORDER_SELLER") as HTMLInputElement;
    expect(tagged.value).toBe("");
    expect(screen.queryByRole("button", { name: "Copy tagged link" })).toBeNull();
    await user.type(screen.getByLabelText("Campaign"), " spring-webinar ");
    await user.type(screen.getByLabelText("Source"), "newsletter");
    await user.type(screen.getByLabelText("Medium"), "email");
    expect(tagged.value).toBe(`${link.url}?utm_source=newsletter&utm_medium=email&utm_campaign=spring-webinar`);
    expect(screen.getByRole("button", { name: "Copy tagged link" })).toBeTruthy();
    expect(screen.getByRole("img", { name: "QR code for the tagged Cross-border sellers link" })).toBeTruthy();
    unmount();

    render(
      <I18nProvider lang="zh">
        <ReferralLinkCard link={link} serviceName="Harbor" />
      </I18nProvider>,
    );
    await user.click(await screen.findByRole("button", { name: "生成带标签的链接" }));
    await user.type(screen.getByLabelText("推广活动"), "双十一");
    expect((screen.getByTestId("tagged-url-CROSS_BORDER_SELLER") as HTMLInputElement).value).toBe(
      `${link.url}?utm_campaign=${encodeURIComponent("双十一")}`,
    );
    // A tag the SDK refuses (an invisible character) is explained in the reader's language, not the SDK's English.
    await user.type(screen.getByLabelText("流量来源"), "news\u200bletter");
    expect(await screen.findByText("流量来源标签超过 100 个字符或包含不可见字符。")).toBeTruthy();
  });
});
