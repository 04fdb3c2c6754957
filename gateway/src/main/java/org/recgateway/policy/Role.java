package org.recgateway.policy;

import java.util.Arrays;
import java.util.Optional;

/** Who is asking: the roles an API token can hold. Access to a recording follows from role and purpose. */
public enum Role {
    ADMINISTRATOR("administrator"),
    PRIVACY_OFFICER("privacy-officer"),
    SUPERVISOR("supervisor"),
    AGENT("agent"),
    PROVIDER("provider");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The name used in configuration files and the API, e.g. {@code privacy-officer}. */
    public String id() {
        return id;
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
