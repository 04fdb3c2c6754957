package org.recgateway.bench;

/** How one simulated call ended, as the Asterisk side saw it. */
enum Outcome {
    OK("ok"),
    CONNECT_REFUSED("connect refused"),
    CONNECT_RESET("connection reset"),
    CONNECT_TIMEOUT("connect timeout"),
    NO_FIRST_COMMAND("no command within timeout"),
    CLOSED_EARLY("closed early"),
    REPLY_TIMEOUT("stalled mid-session"),
    BUSY("not-recorded gateway-busy"),
    NOT_RECORDED("not-recorded other reason"),
    UNFINISHED("unfinished at run end"),
    OTHER("other error");

    final String label;

    Outcome(String label) {
        this.label = label;
    }
}
