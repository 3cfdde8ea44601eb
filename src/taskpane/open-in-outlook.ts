/**
 * Opens a message or a meeting the context card lists: in Outlook with its own form (Graph's REST id converted to
 * the EWS id the forms take), in a plain browser by its Outlook on the web link.
 */
type Mailbox = {
  convertToEwsId?(id: string, version: Office.MailboxEnums.RestVersion): string;
  displayMessageForm?(id: string): void;
  displayAppointmentForm?(id: string): void;
};

function outlookMailbox(): Mailbox | undefined {
  try {
    return typeof Office === "undefined" ? undefined : (Office.context?.mailbox as Mailbox | undefined);
  } catch {
    return undefined;
  }
}

function ewsId(mailbox: Mailbox, id: string): string {
  return mailbox.convertToEwsId ? mailbox.convertToEwsId(id, Office.MailboxEnums.RestVersion.v2_0) : id;
}

/** Only http(s) links are ever opened. */
export function openWebLink(link: string): void {
  if (/^https?:\/\//i.test(link)) window.open(link, "_blank", "noopener");
}

export function openMessage(id: string, webLink: string): void {
  const mailbox = outlookMailbox();
  if (mailbox?.displayMessageForm) mailbox.displayMessageForm(ewsId(mailbox, id));
  else openWebLink(webLink);
}

export function openMeeting(id: string, webLink: string): void {
  const mailbox = outlookMailbox();
  if (mailbox?.displayAppointmentForm) mailbox.displayAppointmentForm(ewsId(mailbox, id));
  else openWebLink(webLink);
}
