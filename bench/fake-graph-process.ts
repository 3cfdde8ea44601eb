/**
 * The fake Graph in a process of its own, driven over IPC, so the bench's memory figures are the bridge's alone.
 * Messages: { id, op, n } → { id, result }; see `ops` below. Sends { ready: config } once listening.
 */
import { startFakeGraph } from "../test/fakes/graph/index.js";
import { benchNumber as number } from "./fake-graph-client.js";

const graph = await startFakeGraph({ devicePendingPolls: 0 });
const userIds: string[] = [];

const ops: Record<string, (n: number) => unknown> = {
  /** `n` personal contacts spread over three folders (Contacts, Work, Suppliers). */
  contacts(n) {
    const folders = [graph.defaultFolderId, graph.addFolder("Work"), graph.addFolder("Suppliers")];
    for (let i = 0; i < n; i++) {
      graph.addContact({
        parentFolderId: folders[i % folders.length],
        displayName: `Person ${i}`,
        companyName: `Company ${i % 50}`,
        mobilePhone: number(i),
        businessPhones: [`044 ${String(3_000_000 + i).slice(-7)}`],
        personalNotes: "Customer",
      });
    }
    return folders.length;
  },
  /** `n` more contacts in the default folder, numbered after the ones `contacts` made (pass that count as base). */
  lateContacts(n) {
    const base = graph.contacts.size;
    for (let i = 0; i < n; i++) graph.addContact({ displayName: `Late ${i}`, mobilePhone: number(base + i) });
    return n;
  },
  users(n) {
    for (let i = 0; i < n; i++) {
      const user = graph.addUser({
        displayName: `User ${i}`,
        mail: `user${i}@contoso.test`,
        jobTitle: "Engineer",
        department: `Department ${i % 40}`,
        businessPhones: [`044 ${String(3_000_000 + i).slice(-7)}`],
        mobilePhone: number(i),
      });
      userIds.push(user.id);
    }
    return userIds.length;
  },
  changeUsers(n) {
    for (let i = 0; i < n; i++) graph.updateUser(userIds[i * 7]!, { mobilePhone: number(900_000 + i) });
    return n;
  },
  /** A shared mailbox with `n` folders of 50 contacts each. */
  mailbox(n) {
    const mailbox = graph.addMailbox("reception@contoso.test");
    const folders = [mailbox.defaultFolderId];
    for (let f = 1; f < n; f++) folders.push(mailbox.addFolder(`Folder ${f}`, folders[Math.floor((f - 1) / 2)]));
    for (let i = 0; i < n * 50; i++) {
      mailbox.addContact({
        parentFolderId: folders[i % n],
        displayName: `Guest ${i}`,
        mobilePhone: number(500_000 + i),
      });
    }
    return folders.length;
  },
  /** The user's own contact folders, nested, made up to `n` in all (the default one included), 10 contacts each. */
  folders(n) {
    const folders = [...graph.folders.keys()];
    for (let f = folders.length; f < n; f++) {
      const folderId = graph.addFolder(`Folder ${f}`, folders[Math.floor((f - 1) / 2)]);
      folders.push(folderId);
      for (let i = 0; i < 10; i++) {
        graph.addContact({
          parentFolderId: folderId,
          displayName: `Own ${f}.${i}`,
          mobilePhone: number(800_000 + f * 10 + i),
        });
      }
    }
    return folders.length;
  },
  orgContacts(n) {
    for (let i = 0; i < n; i++) {
      graph.addOrgContact({ displayName: `Partner ${i}`, phones: [{ type: "business", number: number(700_000 + i) }] });
    }
    return n;
  },
  /** HTTP requests to Graph so far (a $batch counts once). */
  requests: () => graph.log.filter((e) => !e.batched && e.path.startsWith("/v1.0/")).length,
};

process.on("message", (message: { id: number; op: string; n: number }) => {
  process.send!({ id: message.id, result: ops[message.op]!(message.n) });
});
process.on("disconnect", () => void graph.stop().then(() => process.exit(0)));
process.send!({ ready: graph.microsoft365Config("bench") });
