package dev.jrun.cli;

import picocli.CommandLine;

/** jrun's subcommands, in the order --help lists them. Each lives in the package of its stage. */
final class Subcommands {
    private Subcommands() {
    }

    static void addTo(CommandLine cl) {
        // one line a subcommand: cl.addSubcommand(new SomeCommand());
        cl.addSubcommand(new InitCommand());
        cl.addSubcommand(new InfoCommand());
        cl.addSubcommand(new dev.jrun.cli.JdksCommand());
        cl.addSubcommand(new JdkCommand());
        cl.addSubcommand(new AppCommand());
        cl.addSubcommand(new dev.jrun.cli.CacheCommand());
        cl.addSubcommand(new BuildCommand());
        cl.addSubcommand(new dev.jrun.cli.ExportCommand());
        cl.addSubcommand(new EditCommand());
        cl.addSubcommand(new dev.jrun.cli.LockCommand());
        cl.addSubcommand(new dev.jrun.cli.BinfmtCommand());
        cl.addSubcommand(new CheckCommand());
        cl.addSubcommand(new OutdatedCommand());
        cl.addSubcommand(new UpdateCommand());
        cl.addSubcommand(new ServerCommand());
        cl.addSubcommand(new TrustCommand());
        cl.addSubcommand(new FetchCommand());
        cl.addSubcommand(new CatalogCommand());
        cl.addSubcommand(new AliasCommand());
        // 'jrun alias add SCRIPT ARGS...': the alias's arguments may look like options
        cl.getSubcommands().get("alias").getSubcommands().get("add").setStopAtPositional(true)
                .setAllowOptionsAsOptionParameters(true);
        cl.getSubcommands().get("app").getSubcommands().get("install").setAllowOptionsAsOptionParameters(true);
        // 'jrun help [COMMAND]', which the front end hands to the CLI like every subcommand's name
        cl.addSubcommand(new CommandLine.HelpCommand());
    }
}
