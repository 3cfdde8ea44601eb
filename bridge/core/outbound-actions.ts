/** What the user asks TelefUM to do (dial, send an SMS, open its SMS template): checked, formatted and sent. */
import type { CountryCode } from "libphonenumber-js/min";
import { dialNumber } from "../directory/phone-forms.js";
import { formatMessage } from "../protocol/codec.js";
import { phoneNumber, smsText } from "../protocol/inputs.js";
import type { OutboundMessage, SmsDevice } from "../protocol/messages.js";
import type { Transport } from "../transport/transport.js";
import type { EventHub } from "./events.js";

export class OutboundActions {
  constructor(
    private readonly transport: Transport,
    private readonly events: EventHub,
    /** Numbers of this region go to TelefUM as national digits (`0675355355`), the form TelefUM itself reports. */
    private readonly region: CountryCode,
  ) {}

  /** The one form every number sent to TelefUM takes, wherever it came from (a contact, a missed call, the user). */
  private number(text: string): string {
    return dialNumber(phoneNumber(text), this.region);
  }

  /** Formats and sends one message to TelefUM; rejects with TransportError when TelefUM can't be reached. */
  async send(message: OutboundMessage): Promise<string> {
    const text = formatMessage(message);
    await this.transport.send(text);
    this.announceSent(text);
    return text;
  }

  /** A message is out (sent here, or by the transport itself: a CONTACT? reply from the Win32 window's thread). */
  announceSent(text: string): void {
    this.events.emit("sent", { text, at: new Date().toISOString() });
  }

  dial(number: string): Promise<string> {
    return this.send({ command: "CALL", number: this.number(number) });
  }

  /** Inputs are checked before anything is sent (a bad one throws at once); the SMS is announced once sent. */
  sendSms(number: string, text: string, device: SmsDevice): Promise<string> {
    const message = { command: "SENDSMS", number: this.number(number), text: smsText(text), device } as const;
    return this.sendAndAnnounce(message, message.text, device);
  }

  sendSmsTemplate(number: string): Promise<string> {
    return this.sendAndAnnounce({ command: "SENDSMSSHABL", number: this.number(number) }, "", null);
  }

  private async sendAndAnnounce(
    message: Extract<OutboundMessage, { command: "SENDSMS" | "SENDSMSSHABL" }>,
    text: string,
    device: SmsDevice | null,
  ): Promise<string> {
    const sent = await this.send(message);
    const at = new Date().toISOString();
    this.events.emit("sms-sent", { number: message.number, text, device, template: !device, at });
    return sent;
  }
}
