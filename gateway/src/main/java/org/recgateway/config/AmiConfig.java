package org.recgateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Asterisk servers the gateway serves, each watched and steered over its own Asterisk Manager Interface
 * connection (issue #17 item 3). One server is written as before ({@code ami.host}, {@code ami.port}, ...; its name
 * is {@code ami.name}, default {@value Defaults#AMI_SERVER_NAME}); several as the list {@code ami.servers}, each
 * with a name, its AMI login and the addresses its FastAGI connections come from ({@code fastAgiFrom}), by which a
 * new recording learns the server it came from. The first server's fields are also this record's own.
 *
 * @param password     the first server's AMI secret; never printed ({@link #toString()} hides it)
 * @param pingInterval how often each connection is checked while idle
 * @param servers      every server, the first one first; never empty
 */
public record AmiConfig(boolean enabled, String host, int port, String username, String password,
                        Duration pingInterval, List<Server> servers) {

    /** Names of Asterisk servers: short, fixed words (they are stored with each recording and shown in the API). */
    private static final String NAME = "[a-z0-9][a-z0-9_-]{0,31}";

    public AmiConfig {
        servers = List.copyOf(servers);
    }

    /** One server named {@value Defaults#AMI_SERVER_NAME}, taking FastAGI connections from anywhere allowed. */
    public AmiConfig(boolean enabled, String host, int port, String username, String password, Duration pingInterval) {
        this(enabled, host, port, username, password, pingInterval,
                List.of(new Server(Defaults.AMI_SERVER_NAME, host, port, username, password, List.of())));
    }

    /**
     * One Asterisk server.
     *
     * @param name        its name, stored with each recording it made
     * @param password    its AMI secret; never printed
     * @param fastAgiFrom the addresses its FastAGI connections come from; empty for the only server (all of them)
     */
    public record Server(String name, String host, int port, String username, String password, List<String> fastAgiFrom) {
        public Server {
            fastAgiFrom = List.copyOf(fastAgiFrom);
        }

        @Override
        public String toString() {
            return "Server[name=" + name + ", host=" + host + ", port=" + port + ", username=" + username
                    + ", password=(hidden), fastAgiFrom=" + fastAgiFrom + "]";
        }
    }

    @Override
    public String toString() {
        return "AmiConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=(hidden), pingInterval=" + pingInterval + ", servers=" + servers + "]";
    }

    static AmiConfig read(Section s, Map<String, String> environment) {
        boolean enabled = s.bool("enabled", Defaults.AMI_ENABLED);
        Duration ping = s.duration("pingInterval", Defaults.AMI_PING_INTERVAL);
        List<Section> listed = s.sections("servers");
        if (!listed.isEmpty()) {
            for (String single : List.of("name", "host", "port", "username", "password", "passwordEnv")) {
                if (s.text(single).isPresent()) {
                    s.problem(single, "set either the one server's ami." + single + " or the list ami.servers, not both;"
                            + " move it into the server it belongs to");
                }
            }
            List<Server> servers = servers(listed, enabled, environment);
            s.finish();
            if (servers.isEmpty()) {
                return new AmiConfig(enabled, Defaults.AMI_HOST, Defaults.AMI_PORT, Defaults.AMI_USERNAME, "", ping);
            }
            Server first = servers.getFirst();
            return new AmiConfig(enabled, first.host(), first.port(), first.username(), first.password(), ping, servers);
        }
        String name = s.text("name").filter(t -> validName(s, t)).map(Located::value).orElse(Defaults.AMI_SERVER_NAME);
        Server one = server(s, name, enabled, environment);
        s.finish();
        return new AmiConfig(enabled, one.host(), one.port(), one.username(), one.password(), ping, List.of(one));
    }

    private static Server server(Section s, String name, boolean enabled, Map<String, String> environment) {
        String host = s.text("host").filter(t -> validHost(s, t)).map(Located::value).orElse(Defaults.AMI_HOST);
        int port = s.port("port", Defaults.AMI_PORT);
        String username = s.text("username").filter(t -> singleLine(s, t)).map(Located::value)
                .orElse(Defaults.AMI_USERNAME);
        String password = password(s, enabled, environment);
        return new Server(name, host, port, username, password, List.of());
    }

    /** The list {@code ami.servers}: unique names, and with several servers each one's own FastAGI addresses. */
    private static List<Server> servers(List<Section> listed, boolean enabled, Map<String, String> environment) {
        List<Server> servers = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> addresses = new HashMap<>();
        for (Section item : listed) {
            int before = item.problems().count();
            Optional<Located> name = item.text("name").filter(t -> validName(item, t));
            if (item.text("name").isEmpty()) {
                item.problem("name", "every server in ami.servers needs a name (" + NAME + "), e.g. pbx1; it is stored"
                        + " with each recording the server made");
            }
            Server server = server(item, name.map(Located::value).orElse(""), enabled, environment);
            List<String> from = new ArrayList<>();
            for (Located address : item.texts("fastAgiFrom")) {
                if (!address.value().matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                    item.problems().add(address.line(), address.key(), Problems.show(address.value())
                            + " is not an IP address; list the addresses this server's FastAGI connections come from");
                    continue;
                }
                String earlier = addresses.putIfAbsent(address.value(), item.path());
                if (earlier != null) {
                    item.problems().add(address.line(), address.key(), address.value() + " is listed for " + earlier
                            + " already; a FastAGI connection must name one server, so list each address once");
                }
                from.add(address.value());
            }
            if (listed.size() > 1 && from.isEmpty() && item.problems().count() == before) {
                item.problem("fastAgiFrom", "with several servers each needs fastAgiFrom: the IP addresses its FastAGI"
                        + " connections come from, so that each recording carries the server it came from");
            }
            item.finish();
            if (name.isEmpty()) {
                continue;
            }
            String earlier = names.putIfAbsent(name.get().value(), item.path());
            if (earlier != null) {
                item.problem("name", "duplicate server name; " + earlier + " already uses " + name.get().value());
                continue;
            }
            servers.add(new Server(server.name(), server.host(), server.port(), server.username(), server.password(), from));
        }
        return servers;
    }

    private static boolean validName(Section s, Located name) {
        if (name.value().matches(NAME)) {
            return true;
        }
        s.problems().add(name.line(), name.key(), Problems.show(name.value())
                + " is not a server name: use lower-case letters, digits, - and _ (at most 32), e.g. pbx1");
        return false;
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
