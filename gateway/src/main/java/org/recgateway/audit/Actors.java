package org.recgateway.audit;

/** The actor names audit events use, so every adapter spells them the same way. */
public final class Actors {

    /** The gateway itself: the recording lifecycle, filing, disk audit, retention. */
    public static final String GATEWAY = "gateway";
    /** The command line on the gateway host. */
    public static final String CLI = "cli";

    private Actors() {
    }

    /**
     * The command line run by operating-system user {@code osUser}: {@code cli:<user>}, the user name
     * kept to 1-64 of {@code A-Z a-z 0-9 . _ -} (anything else becomes {@code ?}).
     */
    public static String cli(String osUser) {
        String user = osUser == null || osUser.isBlank() ? "unknown" : osUser.replaceAll("[^A-Za-z0-9._-]", "?");
        return "cli:" + (user.length() > 64 ? user.substring(0, 64) : user);
    }

    /** The command line run by this process's operating-system user ({@code user.name}). */
    public static String commandLine() {
        return cli(System.getProperty("user.name"));
    }

    /** An HTTP API client, by the name of its configured token. */
    public static String token(String tokenName) {
        return "token:" + tokenName;
    }

    /** A call-centre agent, by extension (e.g. one who switched a diagnostic recording on). */
    public static String agent(String extension) {
        return "agent:" + extension;
    }
}
