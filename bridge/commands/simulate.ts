/** `bridge simulate <message>`: one message as TelefUM to a running bridge, its replies printed. */
import { ConfigError } from "../config/config-checks.js";
import { loadConfig } from "../config/config.js";
import { deliverToBridge, type Delivery } from "../simulator/simulate-client.js";
import { overridesFrom, type Values } from "./options.js";
import { errorMessage } from "../log/error-message.js";

export async function simulate(values: Values, text: string | undefined): Promise<number> {
  if (!text) throw new ConfigError('simulate needs a message: bridge simulate "CONTACT?^0675355355^1^1^"');
  const config = loadConfig(overridesFrom(values));
  let delivery: Delivery;
  try {
    delivery = await deliverToBridge(config.http, text);
  } catch (error) {
    const reason = errorMessage(error);
    process.stderr.write(`no bridge answers at ${config.http.origin} (${reason}); start one with: npm start\n`);
    return 1;
  }
  const { status, body } = delivery;
  if (status !== 200) {
    process.stderr.write(`bridge refused: ${body.error ?? status}\n`);
    return 1;
  }
  for (const reply of body.replies ?? []) process.stdout.write(`${reply}\n`);
  for (const problem of body.problems ?? []) process.stderr.write(`${problem}\n`);
  return body.problems?.length ? 1 : 0;
}
