package org.customssentinel.localstack.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.acl.AclBinding;

/**
 * What a secured stack sets up besides TLS: the SCRAM users and the ACLs they hold. The stack adds {@code admin},
 * its super user; everyone else has exactly the ACLs listed (the authorizer denies what no ACL allows).
 *
 * @param users the users to create, e.g. {@code sentinel-producer}
 * @param acls  the rights of those users
 */
public record SecuritySettings(List<String> users, List<AclBinding> acls) {

    public static final String ADMIN = "admin";

    public SecuritySettings {
        users = List.copyOf(users);
        acls = List.copyOf(acls);
        for (String user : users) {
            if (!user.matches("[A-Za-z0-9._-]+") || user.equals(ADMIN)) {
                throw new IllegalArgumentException("not a user name the stack can create: '" + user + "'");
            }
        }
    }

    /** admin first, then the users. */
    public Set<String> allUsers() {
        Set<String> all = new LinkedHashSet<>();
        all.add(ADMIN);
        all.addAll(users);
        return all;
    }
}
