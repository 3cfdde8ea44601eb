/**
 * Ribbon commands (ExecuteFunction): Call and SMS for the number on the current item, without opening the pane.
 * SMS from the ribbon opens TelefUM's own templates (SENDSMSSHABL); writing free text is the pane's job.
 */
import { BridgeApi, readPairingToken } from "../shared/api.js";
import { displayNumber } from "../../bridge/directory/phone-forms.js";
import { pickLanguage, translator } from "../../bridge/i18n/i18n.js";
import { errorText } from "../shared/error-text.js";
import { currentItem, readItemPeople, type ItemPeople } from "../shared/office-item.js";

type Item = NonNullable<ReturnType<typeof currentItem>>;

function notify(item: Item | undefined, message: string, error = false): Promise<void> {
  return new Promise((resolve) => {
    const messages = (item as { notificationMessages?: Office.NotificationMessages } | undefined)?.notificationMessages;
    if (!messages) return resolve();
    const details: Office.NotificationMessageDetails = error
      ? { type: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage, message: message.slice(0, 150) }
      : {
          type: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
          message: message.slice(0, 150),
          icon: "AppIcon.16x16",
          persistent: false,
        };
    try {
      messages.replaceAsync("telefum", details, () => resolve());
    } catch {
      resolve();
    }
  });
}

/** The number to use: the sender's contact's first phone, else the first number in the body. */
export async function pickNumber(api: BridgeApi, people: ItemPeople): Promise<string | undefined> {
  for (const email of people.emails) {
    try {
      const contact = (await api.search(email)).find((c) => c.email.toLowerCase() === email && c.phones.length > 0);
      if (contact) return contact.phones[0]!.number;
    } catch {
      break;
    }
  }
  return people.bodyNumbers[0];
}

/** Outlook's display language (the browser's outside Outlook). */
function outlookLanguage(): string | undefined {
  try {
    return Office.context?.displayLanguage;
  } catch {
    return undefined;
  }
}

export function createCommands(api: BridgeApi, item: () => Item | undefined) {
  const run = async (event: Office.AddinCommands.Event | undefined, action: "call" | "sms"): Promise<void> => {
    const current = item();
    const { t } = translator(pickLanguage(outlookLanguage(), globalThis.navigator?.language));
    try {
      const number = await pickNumber(api, await readItemPeople(current));
      if (!number) await notify(current, t("ribbon.noNumber"), true);
      else if (action === "call") {
        await api.call(number);
        await notify(current, t("ribbon.calling", { number: displayNumber(number) }));
      } else {
        await api.smsTemplate(number);
        await notify(current, t("ribbon.templates", { number: displayNumber(number) }));
      }
    } catch (error) {
      await notify(current, errorText(error, t), true);
    } finally {
      event?.completed();
    }
  };
  return {
    callFromItem: (event?: Office.AddinCommands.Event) => run(event, "call"),
    smsFromItem: (event?: Office.AddinCommands.Event) => run(event, "sms"),
  };
}

if (typeof Office !== "undefined" && typeof document !== "undefined") {
  const commands = createCommands(new BridgeApi(location.origin, readPairingToken()), () => currentItem() ?? undefined);
  // Older Outlook clients look ExecuteFunction names up as globals; newer ones use Office.actions.associate.
  Object.assign(globalThis, commands);
  Office.onReady(() => {
    if (typeof Office.actions?.associate !== "function") return;
    Office.actions.associate("callFromItem", commands.callFromItem);
    Office.actions.associate("smsFromItem", commands.smsFromItem);
  });
}
