import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

export const en = {
  "app.title": "Partner Center",
  "app.subtitle": "TikTok Shop Partner",
  "app.documentTitle": "Partner Center · Shop registration",
  "lang.label": "Language",
  "nav.myAccount": "My Account",
  "nav.profile": "Profile",
  "nav.appService": "App & Service",
  "nav.apiKeys": "API keys",
  "nav.analytics": "Analytics",
  "analytics.title": "Analytics",
  "analytics.range": "Date range",
  "analytics.lastDays": "Last {n} days",
  "analytics.custom": "Custom",
  "analytics.fromDate": "From",
  "analytics.toDate": "To",
  "analytics.badRange": "The start date is after the end date; showing the dates swapped.",
  "analytics.timeZone": "Dates and hours in {tz}",
  "analytics.service": "Service",
  "analytics.allServices": "All services",
  "analytics.clicks": "Clicks",
  "analytics.clicksHelp": "Clicks by people on active links",
  "analytics.uniqueClicks": "Unique clicks",
  "analytics.uniqueClicksHelp": "A visitor's first click on a link within an hour",
  "analytics.botClicks": "Bot clicks",
  "analytics.botClicksHelp": "Link previews and crawlers, not counted as clicks",
  "analytics.registrations": "Registrations",
  "analytics.registrationsHelp": "Sellers who registered after clicking your links",
  "analytics.approvedShops": "Approved shops",
  "analytics.approvedShopsHelp": "Registered sellers whose shops were approved",
  "analytics.conversionRate": "Conversion rate",
  "analytics.conversionRateHelp": "Registrations per unique click",
  "analytics.overTime": "Clicks and registrations over time",
  "analytics.interval": "Interval",
  "analytics.byHour": "By hour",
  "analytics.byDay": "By day",
  "analytics.hourlyLimit": "Hourly for ranges up to 31 days",
  "analytics.chartLabel": "Line chart of clicks, unique clicks and registrations",
  "analytics.funnel": "Funnel",
  "analytics.ofPrevious": "{pct} of the step before",
  "analytics.byLink": "By link",
  "analytics.byService": "By service",
  "analytics.groupBy": "Group the funnel",
  "analytics.link": "Referral link",
  "analytics.noRows": "Nothing in this range.",
  "analytics.breakdowns": "Where clicks come from",
  "analytics.value": "Value",
  "analytics.share": "Share of clicks",
  "analytics.dim.audience": "Audience",
  "analytics.dim.country": "Country or region",
  "analytics.dim.device": "Device",
  "analytics.dim.browser": "Browser",
  "analytics.dim.os": "OS",
  "analytics.dim.referrer": "Referrer",
  "analytics.dim.campaign": "Campaign",
  "analytics.dim.source": "Source",
  "analytics.dim.medium": "Medium",
  "analytics.device.mobile": "Mobile",
  "analytics.device.tablet": "Tablet",
  "analytics.device.desktop": "Desktop",
  "analytics.device.bot": "Bot",
  "analytics.direct": "Direct (no referrer)",
  "analytics.unknown": "Unknown",
  "analytics.csv": "Download CSV",
  "analytics.csvOf": "Download CSV: {report}",
  "analytics.empty": "No clicks in this range yet",
  "analytics.emptyHelp":
    "Share your referral links with sellers; their clicks show up here within seconds. Try a longer range or another service.",
  "analytics.goServices": "Get your referral links",
  "analytics.last30": "Last 30 days",
  "analytics.linkStats": "Clicks {clicks} · Unique clicks {unique} · Registrations {registrations}",
  "analytics.viewService": "View analytics",
  "nav.logout": "Log out",
  "nav.menu": "Open navigation",
  "common.loading": "Loading…",
  "common.retry": "Try again",
  "common.cancel": "Cancel",
  "common.confirm": "Confirm",
  "common.back": "Back",
  "common.next": "Next",
  "common.copy": "Copy",
  "common.copied": "Copied to the clipboard",
  "common.copyFailed": "Could not copy; select the text and copy it by hand.",
  "common.required": "Required",
  "common.error": "Something went wrong",
  "common.notFound": "This page does not exist.",
  "common.goHome": "Go to Profile",
  "common.never": "Never",
  "common.fixFields": "Some fields need your attention.",
  "common.edit": "Edit",
  "common.save": "Save",
  "profile.edit": "Edit basic information",
  "profile.editHelp": "Registration regions and partner type are fixed at sign-up.",
  "profile.saved": "Profile saved.",
  "service.edit": "Edit service details",
  "service.saved": "Service details saved.",
  "login.title": "Log in to Partner Center",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.noAccount": "New partner?",
  "login.signUp": "Sign up",
  "login.expired": "Please log in to continue.",
  "signup.title": "Become a TikTok Shop Partner",
  "signup.company": "Company",
  "signup.companyName": "Company name",
  "signup.registrationRegion": "Registration region",
  "signup.companyRegistrationRegion": "Company registration region",
  "signup.regionsFixed":
    "These two regions are fixed once your account is created. A company registered in the United States is a U.S. entity (Local-to-Local); any other is a non-U.S. entity (Cross-Border).",
  "signup.contact": "Contact",
  "signup.contactName": "Contact name",
  "signup.contactEmail": "Contact email (your login)",
  "signup.contactPhone": "Contact phone (optional)",
  "signup.password": "Password",
  "signup.passwordHelp": "At least 10 characters.",
  "signup.category": "Service category",
  "signup.pickShopRegistration": "Shop registration",
  "signup.pickShopRegistrationHelp":
    "Apply for Outsourced Operations > Shop registration now; you fill out the details right after signing up.",
  "signup.nonUsApplyLater":
    "Companies registered outside the United States apply for Shop registration from My Account > Profile > Service category after signing up.",
  "signup.submit": "Sign up",
  "signup.haveAccount": "Already a partner?",
  "signup.logIn": "Log in",
  "entity.US": "U.S. entity (Local-to-Local)",
  "entity.NON_US": "Non-U.S. entity (Cross-Border)",
  "profile.title": "Profile",
  "profile.tab.basic": "Basic information",
  "profile.tab.category": "Service category",
  "profile.companyName": "Company name",
  "profile.entityType": "Partner type",
  "profile.registrationRegion": "Registration region",
  "profile.companyRegistrationRegion": "Company registration region",
  "profile.fixed": "Fixed at sign-up",
  "profile.contactName": "Contact name",
  "profile.contactEmail": "Contact email",
  "profile.contactPhone": "Contact phone",
  "category.add": "+ Apply for a category & market",
  "category.empty": "You have not applied for a service category yet.",
  "category.emptyHelp": "Apply for Shop registration to refer sellers to TikTok Shop with your own referral links.",
  "category.targetMarket": "Target market",
  "category.submittedAt": "Submitted",
  "category.revision": "Revision",
  "category.reason": "Reviewer's reason",
  "category.history": "History",
  "category.historyEmpty": "No history yet.",
  "category.continue": "Continue",
  "category.edit": "Edit details",
  "category.submit": "Submit",
  "category.resubmit": "Update and resubmit",
  "category.withdraw": "Withdraw",
  "category.withdrawTitle": "Withdraw this application?",
  "category.withdrawBody": "Withdrawing ends this application. You can start a new one afterwards.",
  "category.approvedHelp": "Approved: you can now create a custom Shop registration service in App & Service.",
  "category.goServices": "Go to App & Service",
  "status.DRAFT": "Draft",
  "status.REVIEWING": "Reviewing",
  "status.NEEDS_INFO": "Needs more info",
  "status.APPROVED": "Approved",
  "status.REJECTED": "Rejected",
  "status.WITHDRAWN": "Withdrawn",
  "status.REVOKED": "Revoked",
  "service.status.DRAFT": "Draft",
  "service.status.ON": "On",
  "service.status.OFF": "Off",
  "action.create": "Created",
  "action.update": "Details saved",
  "action.update_details": "Details saved",
  "action.submit": "Submitted",
  "action.approve": "Approved",
  "action.reject": "Rejected",
  "action.request_info": "More information requested",
  "action.resubmit": "Resubmitted",
  "action.withdraw": "Withdrawn",
  "action.revoke": "Revoked",
  "apply.title": "Apply for a category & market",
  "apply.step.start": "Start business",
  "apply.step.details": "Fill out details",
  "apply.step.submit": "Submit",
  "apply.categoryMarket": "Category & market",
  "apply.regionsReadOnly": "From your profile; they cannot be changed.",
  "apply.companyInfo": "Company information (cross-border partners)",
  "apply.companyRegistrationNumber": "Company registration number",
  "apply.registeredAddress": "Registered address",
  "apply.legalRepresentative": "Legal representative",
  "apply.targetMarket": "Target market",
  "apply.category": "Category",
  "apply.notOpen": "not open yet",
  "apply.live": "You already have a Shop registration application for this market.",
  "apply.openIt": "Open it",
  "apply.saveDraft": "Save as draft",
  "apply.saved": "Draft saved",
  "apply.submit": "Submit",
  "apply.resubmit": "Resubmit",
  "apply.submitted": "Submitted successfully",
  "apply.submittedBody": "Your application is now under review. We will show the result on your Profile, under Service category.",
  "apply.backToProfile": "Back to Profile",
  "apply.needsInfo": "The reviewer asked for more information",
  "apply.readOnly": "This application is {status}; its details can no longer be changed.",
  "apply.formUS": "Application details (U.S. entity)",
  "apply.formNonUS": "Application details (non-U.S. entity)",
  "apply.selectRegion": "Choose a country or region",
  "services.title": "App & Service",
  "services.add": "+ New service",
  "services.empty": "No services yet.",
  "services.emptyHelp": "Create a custom Shop registration service, then publish it to get your two referral links.",
  "services.name": "Service",
  "services.category": "Service category",
  "services.status": "Status",
  "services.market": "Target market",
  "services.created": "Created",
  "newService.title": "Create a service",
  "newService.type": "Service type",
  "newService.custom": "Custom",
  "newService.customHelp": "For the sellers you bring yourself, through your own referral links.",
  "newService.public": "Public",
  "newService.publicHelp": "Not available now",
  "newService.category": "Service category",
  "newService.name": "Service name",
  "newService.description": "Description",
  "newService.contactEmail": "Contact email",
  "newService.create": "Create",
  "newService.notApproved": "You cannot create a Shop registration service yet",
  "newService.notApprovedBody":
    "Only partners whose application for Outsourced Operations > Shop registration in the United States is Approved can create this service.",
  "newService.currentStatus": "Your application is {status}.",
  "newService.noApplication": "You have not applied yet.",
  "newService.whereToApply": "Apply in My Account > Profile > Service category",
  "newService.applyNow": "Apply now",
  "service.publish": "Publish",
  "service.publishAgain": "Publish again",
  "service.publishTitle": "Publish this service?",
  "service.publishBody": "Confirm the target market. Sellers in this market can then register through your referral links.",
  "service.confirmMarket": "Target market",
  "service.published": "Published: the service is On.",
  "service.deactivate": "Deactivate",
  "service.deactivateTitle": "Deactivate this service?",
  "service.deactivateBody": "Your referral links stop referring sellers until you publish again. Their URLs stay the same.",
  "service.deactivated": "Deactivated: the service is Off.",
  "service.more": "More actions",
  "service.details": "Service details",
  "service.type": "Service type",
  "service.targetSellers": "Target sellers",
  "service.draftLinks": "Publish the service to get two referral links: one for local sellers and one for cross-border sellers.",
  "service.offLinks":
    "The service is Off: these links do not refer sellers now. Publish again to turn them back on; the URLs stay the same.",
  "service.urlsStay": "These URLs never change, even if you deactivate and publish again.",
  "audience.LOCAL_SELLER": "Local sellers",
  "audience.CROSS_BORDER_SELLER": "Cross-border sellers",
  "audience.LOCAL_SELLER.help": "Sellers with a U.S. business",
  "audience.CROSS_BORDER_SELLER.help": "Sellers with a business outside the U.S.",
  "link.url": "Referral URL",
  "link.copy": "Copy link",
  "link.qr": "QR code for {audience}",
  "link.downloadSvg": "Download QR (SVG)",
  "link.downloadPng": "Download QR (PNG, 1024 px)",
  "link.tagged": "Build a tagged link",
  "link.taggedHelp": "Same link, with a campaign tag: Analytics then counts its clicks and registrations by campaign.",
  "link.campaign": "Campaign",
  "link.source": "Source",
  "link.medium": "Medium",
  "link.taggedUrl": "Tagged URL",
  "link.copyTagged": "Copy tagged link",
  "link.taggedQr": "QR code for the tagged {audience} link",
  "keys.title": "API keys",
  "keys.intro": "API keys let your own tools use the Partner API (Authorization: Bearer <key>).",
  "keys.name": "Key name",
  "keys.create": "Create key",
  "keys.empty": "No API keys yet.",
  "keys.prefix": "Key",
  "keys.scopes": "Scopes",
  "keys.created": "Created",
  "keys.lastUsed": "Last used",
  "keys.status": "Status",
  "keys.active": "Active",
  "keys.revoked": "Revoked",
  "keys.revoke": "Revoke",
  "keys.revokeTitle": "Revoke this key?",
  "keys.revokeBody": "Tools using {name} stop working at once. This cannot be undone.",
  "keys.secretTitle": "Your new API key",
  "keys.secretBody": "Copy it now. It is shown only once and cannot be read again.",
  "keys.done": "I have copied it",
  "nav.webhooks": "Webhooks",
  "webhooks.title": "Webhooks",
  "webhooks.intro":
    "Webhooks tell your tools what happened (an application approved, a seller registered…) as it happens, signed with Standard Webhooks.",
  "webhooks.add": "Add endpoint",
  "webhooks.empty": "No webhook endpoints yet.",
  "webhooks.emptyHelp": "Add an HTTPS URL of your tool and choose the events it should receive.",
  "webhooks.url": "Endpoint URL",
  "webhooks.urlHelp": "An https:// address that answers 2xx within 10 seconds.",
  "webhooks.description": "Description (optional)",
  "webhooks.events": "Events",
  "webhooks.allEvents": "All events",
  "webhooks.eventCount": "{n} events",
  "webhooks.eventCount.one": "1 event",
  "webhooks.pickOne": "Choose at least one event, or All events.",
  "webhooks.createTitle": "Add a webhook endpoint",
  "webhooks.editTitle": "Edit webhook endpoint",
  "webhooks.create": "Add endpoint",
  "webhooks.enabled": "Enabled",
  "webhooks.disabled": "Disabled",
  "webhooks.enabledSwitch": "Send events to this endpoint",
  "webhooks.secretTitle": "Your endpoint's signing secret",
  "webhooks.secretWarning":
    "Copy it now and store it in your tool: it is shown only once and cannot be read again. Use it to verify the webhook-signature header.",
  "webhooks.secretRotated": "The old secret keeps signing for 24 hours, so update your tool before then.",
  "webhooks.status.all": "All",
  "webhooks.status.pending": "Pending",
  "webhooks.status.succeeded": "Succeeded",
  "webhooks.status.failed": "Failed",
  "webhooks.log": "Delivery log",
  "webhooks.filterStatus": "Status",
  "webhooks.refresh": "Refresh",
  "webhooks.redeliver": "Redeliver",
  "webhooks.redelivered": "Queued for delivery again.",
  "webhooks.logEmpty": "Nothing sent to this endpoint yet. Send a test event to try it.",
  "webhooks.logEmptyFiltered": "No deliveries with this status.",
  "webhooks.event": "Event",
  "webhooks.deliveryStatus": "Status",
  "webhooks.attempts": "Attempts",
  "webhooks.responseCode": "Response",
  "webhooks.latency": "Latency",
  "webhooks.response": "Response body / error",
  "webhooks.time": "Time",
  "webhooks.nextAttempt": "next try {time}",
  "webhooks.previous": "Newer",
  "webhooks.nextPage": "Older",
  "webhooks.disabledReason": "Disabled: {reason}",
  "webhooks.previousSecretUntil": "the previous secret also signs until {time}",
  "webhooks.sendTest": "Send test",
  "webhooks.testSent": "Test event sent. It shows in the delivery log below.",
  "webhooks.rotate": "Rotate secret",
  "webhooks.rotateTitle": "Rotate the signing secret?",
  "webhooks.rotateBody":
    "A new secret is shown once. The old secret keeps signing for 24 hours (both signatures are sent), so your tool has time to switch.",
  "webhooks.delete": "Delete",
  "webhooks.deleteTitle": "Delete this endpoint?",
  "webhooks.deleteBody": "{url} stops receiving events at once. Pending deliveries stop. This cannot be undone.",
  "nav.members": "Members",
  "nav.account": "Account security",
  "login.code": "Verification code",
  "login.codeHelp":
    "Two-factor authentication is on. Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  "login.verify": "Verify",
  "login.forgot": "Forgot your password?",
  "members.title": "Members",
  "members.intro": "Invite your colleagues with a role; each role sees and does only what it needs.",
  "members.name": "Name",
  "members.email": "Email",
  "members.role": "Role",
  "members.roleOf": "Role of {name}",
  "members.role.owner": "Owner",
  "members.role.admin": "Admin",
  "members.role.developer": "Developer",
  "members.role.analyst": "Analyst",
  "members.roleHelp.owner": "Everything, including members, ownership and the team's security.",
  "members.roleHelp.admin": "Profile, members, applications, services and analytics.",
  "members.roleHelp.developer": "Services, API keys and webhooks; reads the profile, members and applications.",
  "members.roleHelp.analyst": "Reads analytics only.",
  "members.twoFactor": "Two-factor",
  "members.on": "On",
  "members.off": "Off",
  "members.lastLogin": "Last login",
  "members.you": "You",
  "members.invite": "Invite a member",
  "members.sendInvite": "Send invitation",
  "members.invited": "Invitation sent to {email}.",
  "members.pending": "Pending invitations",
  "members.noInvitations": "No pending invitations.",
  "members.status": "Status",
  "members.expires": "Expires",
  "members.pendingOne": "Pending",
  "members.expired": "Expired",
  "members.resend": "Resend",
  "members.resendTo": "Resend the invitation to {email}",
  "members.resent": "A new link was sent to {email}; the old one no longer works.",
  "members.revoke": "Revoke",
  "members.revokeFor": "Revoke the invitation for {email}",
  "members.revokeTitle": "Revoke this invitation?",
  "members.revokeBody": "The link sent to {email} stops working at once.",
  "members.remove": "Remove",
  "members.removeWho": "Remove {name}",
  "members.removeTitle": "Remove this member?",
  "members.leave": "Leave",
  "members.leaveTitle": "Leave this account?",
  "members.leaveBody": "You lose access to {company}, and the API keys you created are revoked.",
  "members.actions": "Actions",
  "members.removeBody": "{name} is logged out everywhere and the API keys they created are revoked.",
  "members.transfer": "Transfer ownership",
  "members.transferTo": "Transfer ownership to {name}",
  "members.transferTitle": "Transfer ownership?",
  "members.transferBody": "{name} becomes an owner of this account and you become an admin.",
  "members.requireTwoFactor": "Require two-factor authentication for every member",
  "members.requireTwoFactorHelp": "Members without it can still sign in, but must turn it on before they can do anything else.",
  "account.title": "Account security",
  "account.password": "Password",
  "account.currentPassword": "Current password",
  "account.enrolPassword": "Your current password",
  "account.newPassword": "New password",
  "account.passwordHelp": "At least 10 characters.",
  "account.changePassword": "Change password",
  "account.passwordChanged": "Password changed. Logged out of {n} other sessions.",
  "account.passwordChanged.one": "Password changed. Logged out of 1 other session.",
  "account.twoFactor": "Two-factor authentication",
  "account.twoFactorOn": "On",
  "account.twoFactorOff": "Off",
  "account.since": "Since {date}",
  "account.codesLeft": "{n} recovery codes left",
  "account.codesLeft.one": "1 recovery code left",
  "account.twoFactorRequired": "Your team requires two-factor authentication. Turn it on to continue using Partner Center.",
  "account.twoFactorIntro":
    "Signing in asks for a code from an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…) after your password.",
  "account.enrol": "Set up two-factor",
  "account.scan": "Scan this QR code with your authenticator app, then enter the 6-digit code it shows.",
  "account.qr": "QR code for your authenticator app",
  "account.typeSecret": "Cannot scan? Type this key instead:",
  "account.code": "6-digit code",
  "account.codeOrRecovery": "Code or recovery code",
  "account.turnOn": "Turn on",
  "account.recoveryCodes":
    "Two-factor is on. Save these recovery codes somewhere safe: each signs you in once if you lose your phone. They are shown only now.",
  "account.turnOff": "Turn off two-factor",
  "account.turnOffTitle": "Turn off two-factor?",
  "account.turnOffBody": "Enter your password and a code to confirm.",
  "account.turnOffRequired":
    "Your team requires two-factor: you will have to set it up again before you can continue. Enter your password and a code to confirm.",
  "account.sessions": "Where you are signed in",
  "account.device": "Device",
  "account.lastSeen": "Last seen",
  "account.signedIn": "Signed in",
  "account.thisDevice": "This device",
  "account.endSession": "Log out",
  "account.endOthers": "Log out of all other sessions",
  "account.othersEnded": "Logged out of {n} other sessions.",
  "account.othersEnded.one": "Logged out of 1 other session.",
  "invite.title": "Join your team on Partner Center",
  "invite.intro": "You were invited to a partner account. Set your name and a password to join.",
  "invite.haveAccess": "Already a member?",
  "invite.noToken": "This link is incomplete. Open the link from your invitation email again.",
  "invite.existing": "I already have a Partner Center login with this email address",
  "invite.name": "Your name",
  "invite.newPassword": "Choose a password",
  "invite.yourPassword": "Your password",
  "invite.join": "Join the team",
  "invite.reason.expired": "This invitation has expired. Ask the person who invited you to send it again.",
  "invite.reason.revoked": "This invitation was revoked.",
  "invite.reason.accepted": "This invitation was already used. Log in instead.",
  "invite.reason.unknown": "This invitation link is not valid. Ask for a new invitation.",
  "role.notAllowed": "Your role does not allow this. Ask an owner or admin of your account.",
  "forgot.title": "Reset your password",
  "forgot.intro":
    "Enter the email you log in with. If an account has it, we email it a link to choose a new password. The link works once, for 1 hour.",
  "forgot.email": "Email",
  "forgot.submit": "Email me a link",
  "forgot.sent":
    "If an account exists for {email}, we sent it a link to reset the password. Check your inbox (and spam folder); the link works for 1 hour.",
  "forgot.back": "Back to log in",
  "forgot.remembered": "Remembered it?",
  "reset.title": "Choose a new password",
  "reset.intro": "Every session signed in with your old password ends when you set the new one.",
  "reset.password": "New password",
  "reset.confirm": "New password again",
  "reset.mismatch": "The two passwords differ.",
  "reset.submit": "Set the new password",
  "reset.done": "Your password is changed, and every session signed in with the old one has ended. Log in with the new password.",
  "reset.logIn": "Log in",
  "reset.reason.expired": "This link has expired (links work for 1 hour). Ask for a new one.",
  "reset.reason.used": "This link was already used. Ask for a new one if you still need it.",
  "reset.reason.unknown": "This link is not valid. Ask for a new one.",
  "reset.noToken": "This page opens from the link in the email. Ask for a link first.",
  "reset.askAgain": "Ask for a new link",
  "verify.title": "Confirm your email",
  "verify.working": "Confirming your address…",
  "verify.done": "Your email address is confirmed. You can now submit applications.",
  "verify.continue": "Continue to Partner Center",
  "verify.reason.expired": "This link has expired (links work for 24 hours). Log in and ask for a new one from the banner.",
  "verify.reason.used": "This link was already used; your address may already be confirmed. Log in to check.",
  "verify.reason.unknown": "This link is not valid. Log in and ask for a new one.",
  "verify.noToken": "This page opens from the link in the email we sent you.",
  "banner.unverified":
    "Confirm your email address: open the link we sent to {email}. Until then you can prepare your application but not submit it.",
  "banner.resend": "Resend email",
  "banner.resent": "We sent a new link to {email}.",
  "signup.checkEmailTitle": "Check your email",
  "signup.checkEmail":
    "We sent a message to {email}. If this is a new account, open its link to confirm the address, then log in. If the address already has an account, the message tells you how to get back in.",
  "apply.unverified": "Confirm your email address to submit: open the link we sent you, or resend it from the banner above.",
};

export type MessageKey = keyof typeof en;
export type Dict = Record<MessageKey, string>;

export type Lang = "en" | "zh";
// Chinese loads on its own (8 KB gzip that an English reader never needs); the provider waits for it.
export const dictionaries: Partial<Record<Lang, Dict>> = { en };
/** Material UI's words per language (English is its default). */
export const muiLocales: Partial<Record<Lang, object>> = {};
let zhLoading: Promise<void> | undefined;
export function loadLang(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return Promise.resolve();
  zhLoading ??= import("./i18n.zh.ts").then((m) => {
    dictionaries.zh = m.zh;
    muiLocales.zh = m.muiLocale;
  });
  return zhLoading;
}
const STORAGE_KEY = "shopreg.partner.lang";

type I18n = {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string>): string;
  /** A count in words: the key's ".one" form for 1 where it has one ("1 other session"), else the key with {n}. */
  tn(key: MessageKey, n: number, vars?: Record<string, string>): string;
  /** Material UI's own words for the language (undefined: its English defaults). */
  muiLocale: object | undefined;
  /** Picks the language's side of an { en, zh } label from the API. */
  pick(label: { en: string; zh: string }): string;
};

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh") return saved;
  } catch {
    // storage blocked
  }
  return typeof navigator !== "undefined" && navigator.language?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const [, setLoaded] = useState(0);
  const dict = dictionaries[lang];
  const ready = dict !== undefined;
  useEffect(() => {
    if (!ready) void loadLang(lang).then(() => setLoaded((n) => n + 1));
  }, [lang, ready]);
  const setLang = useCallback((l: Lang) => {
    // Switch once the words are there, so the page keeps its state (it is not unmounted meanwhile).
    void loadLang(l).then(() => setLangState(l));
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // storage blocked: the choice lasts for this visit
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = (dict ?? en)["app.documentTitle"];
  }, [lang, dict]);
  const value = useMemo<I18n>(() => {
    const t: I18n["t"] = (key, vars) => {
      let s: string = dict?.[key] ?? en[key] ?? key;
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, v);
      return s;
    };
    return {
      lang,
      setLang,
      t,
      tn: (key, n, vars) => {
        const one = `${key}.one`;
        return t(n === 1 && isMessageKey(one) ? one : key, { ...vars, n: String(n) });
      },
      pick: (label) => (lang === "zh" ? label.zh : label.en),
      muiLocale: dict ? muiLocales[lang] : undefined,
    };
  }, [lang, setLang, dict]);
  // Nothing rather than a flash of English while the Chinese words load.
  return <I18nContext.Provider value={value}>{ready ? children : null}</I18nContext.Provider>;
}

/** Whether a composed key (a plural's `.one`) is one of ours. */
const isMessageKey = (key: string): key is MessageKey => key in en;

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

/** Region names in the user's language (Intl), e.g. CN -> China / 中国. */
export function regionName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang === "zh" ? "zh-CN" : "en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return "";
  return new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { dateStyle: "medium", timeStyle: "short" });
}
