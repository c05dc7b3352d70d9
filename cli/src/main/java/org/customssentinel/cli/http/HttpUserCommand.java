package org.customssentinel.cli.http;

import picocli.CommandLine.Command;

/** The users of the query API's {@code --http-auth} file. */
@Command(name = "http-user", mixinStandardHelpOptions = true,
        header = "Manage the users of the query API and dashboard.",
        description = {"The users file that `sentinel streams --http-auth FILE` reads: one line per user with a",
                "PBKDF2-SHA256 hash of the password and, optionally, the SHA-256 of a bearer token. No password or",
                "token is stored as such."},
        subcommands = {AddHttpUserCommand.class})
public final class HttpUserCommand {
}
