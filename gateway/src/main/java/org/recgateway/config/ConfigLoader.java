package org.recgateway.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads and validates the gateway's YAML configuration once, at start-up, reporting every problem with its
 * file, line and key. Keys the file leaves out take their {@link Defaults}.
 */
public final class ConfigLoader {

    /** The name problems carry when no file was given. */
    public static final String BUILT_IN = "<built-in defaults>";
    private static final long MAX_BYTES = 1 << 20;

    private ConfigLoader() {
    }

    /** Loads {@code file}; the AMI password may come from the process environment. */
    public static GatewayConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    /** Loads {@code file}, reading environment variables ({@code ami.passwordEnv}) from {@code environment}. */
    public static GatewayConfig load(Path file, Map<String, String> environment) throws ConfigException {
        return parse(read(file), file.toString(), environment);
    }

    /** The configuration when no file is given: every default; the AMI password from the environment. */
    public static GatewayConfig defaults() throws ConfigException {
        return defaults(System.getenv());
    }

    /** The configuration when no file is given, reading environment variables from {@code environment}. */
    public static GatewayConfig defaults(Map<String, String> environment) throws ConfigException {
        return parse("", BUILT_IN, environment);
    }

    /** Parses and validates YAML text; {@code fileName} is what problems name. */
    public static GatewayConfig parse(String yaml, String fileName, Map<String, String> environment)
            throws ConfigException {
        Problems problems = new Problems(fileName);
        YamlNode.Mapping root = new YamlTreeReader(problems).read(yaml);
        problems.throwIfAny();
        GatewayConfig config = GatewayConfig.read(new Section(root, "", problems), environment);
        problems.throwIfAny();
        return config;
    }

    private static String read(Path file) throws ConfigException {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw problem(name, "no such file (working directory " + Path.of("").toAbsolutePath()
                        + "); give the path of the configuration file, e.g. config/gateway.yaml");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw problem(name, "larger than 1 MiB; this is not a gateway configuration file");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw problem(name, "not UTF-8 text; save the file as UTF-8");
        } catch (IOException e) {
            throw problem(name, "cannot read the file (" + e + "); check its permissions");
        }
    }

    private static ConfigException problem(String file, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, 0, "", message)));
    }
}
