import type { Directory } from "../directory/directory.js";
import { AdapterStack } from "./adapter-stack.js";
import type { EventHub } from "./events.js";
import { LocalContactCreator } from "./local-contact-creator.js";
import { PaneViews } from "./pane-views.js";
import type { AdapterHost, CallSink, CardOpener, ContactCreator, LocalViews, Restore } from "./ports.js";

/**
 * What the adapters put in place, each kind on its own stack. Without adapters, cards and forms open in the local
 * views (the pane, else a page in the default browser) and new contacts go to the local index; Microsoft 365 plugs
 * in its own opener, creator and call sink.
 */
export class Adapters implements AdapterHost {
  private readonly cardOpeners = new AdapterStack<CardOpener>();
  private readonly contactCreators = new AdapterStack<ContactCreator>();
  private readonly callSinks = new AdapterStack<CallSink>();
  private readonly localViews = new AdapterStack<LocalViews>();
  private readonly paneViews: LocalViews;
  private readonly localCardOpener: CardOpener;
  private readonly localContactCreator: ContactCreator;

  constructor(
    readonly events: EventHub,
    directory: Directory,
  ) {
    this.paneViews = new PaneViews(events);
    this.localCardOpener = { name: "local", open: (request) => this.views.showCard(request) };
    this.localContactCreator = new LocalContactCreator(directory);
  }

  useCardOpener(opener: CardOpener): Restore {
    return this.cardOpeners.add(opener);
  }

  useContactCreator(creator: ContactCreator): Restore {
    return this.contactCreators.add(creator);
  }

  addCallSink(sink: CallSink): Restore {
    return this.callSinks.add(sink);
  }

  /** The web server's views: the pane when connected, else its local pages in the default browser. */
  useLocalViews(views: LocalViews): Restore {
    return this.localViews.add(views);
  }

  get views(): LocalViews {
    return this.localViews.latest() ?? this.paneViews;
  }

  get cardOpener(): CardOpener {
    return this.cardOpeners.latest() ?? this.localCardOpener;
  }

  get contactCreator(): ContactCreator {
    return this.contactCreators.latest() ?? this.localContactCreator;
  }

  /** Every call sink in place, in the order they were added. */
  sinks(): CallSink[] {
    return this.callSinks.all();
  }
}
