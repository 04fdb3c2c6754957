package org.recgateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Asterisk Manager Interface connection the gateway watches and steers calls through.
 *
 * @param password     the AMI secret; never printed ({@link #toString()} hides it)
 * @param pingInterval how often the connection is checked while idle
 */
public record AmiConfig(boolean enabled, String host, int port, String username, String password,
                        Duration pingInterval) {

    @Override
    public String toString() {
        return "AmiConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=(hidden), pingInterval=" + pingInterval + "]";
    }

    static AmiConfig read(Section s, Map<String, String> environment) {
        boolean enabled = s.bool("enabled", Defaults.AMI_ENABLED);
        String host = s.text("host").filter(t -> validHost(s, t)).map(Located::value).orElse(Defaults.AMI_HOST);
        int port = s.port("port", Defaults.AMI_PORT);
        String username = s.text("username").filter(t -> singleLine(s, t)).map(Located::value)
                .orElse(Defaults.AMI_USERNAME);
        String password = password(s, enabled, environment);
        Duration ping = s.duration("pingInterval", Defaults.AMI_PING_INTERVAL);
        s.finish();
        return new AmiConfig(enabled, host, port, username, password, ping);
    }

    private static String password(Section s, boolean enabled, Map<String, String> environment) {
        Optional<Located> written = s.text("password");
        Optional<Located> envName = s.text("passwordEnv");
        if (written.isPresent() && envName.isPresent()) {
            s.problem("passwordEnv", "set either password or passwordEnv, not both");
            return "";
        }
        if (written.isPresent()) {
            return singleLine(s, written.get()) ? written.get().value() : "";
        }
        String name = envName.map(Located::value).orElse(Defaults.AMI_PASSWORD_ENV);
        String fromEnvironment = environment.getOrDefault(name, "");
        if (!enabled) {
            return fromEnvironment;
        }
        if (envName.isPresent() && fromEnvironment.isEmpty()) {
            s.problem("passwordEnv", "the environment variable " + Problems.show(name)
                    + " is not set or empty; export it with the AMI secret from manager.conf");
        } else if (fromEnvironment.isEmpty()) {
            s.problem("password", "required when ami.enabled is true: set ami.password, set ami.passwordEnv to the "
                    + "name of an environment variable that holds it, export " + Defaults.AMI_PASSWORD_ENV
                    + ", or set ami.enabled: false");
        } else if (fromEnvironment.contains("\n") || fromEnvironment.contains("\r")) {
            s.problem("passwordEnv", "the environment variable " + name + " holds a line break; AMI is line-based,"
                    + " so the secret must be a single line");
            return "";
        }
        return fromEnvironment;
    }

    private static boolean validHost(Section s, Located host) {
        if (host.value().matches("[A-Za-z0-9.:-]+")) {
            return true;
        }
        s.problems().add(host.line(), host.key(), Problems.show(host.value())
                + " is not a host name or IP address, e.g. 127.0.0.1 or pbx.example.net");
        return false;
    }

    /** AMI is line-based: a line break in a username or secret would add headers to the login action. */
    private static boolean singleLine(Section s, Located value) {
        if (!value.value().contains("\n") && !value.value().contains("\r") && !value.value().isBlank()) {
            return true;
        }
        s.problems().add(value.line(), value.key(), "must be one non-empty line; AMI is line-based, so a line break"
                + " would inject headers into the login");
        return false;
    }
}
