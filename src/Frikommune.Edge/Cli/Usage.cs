namespace Frikommune.Edge.Cli;

static class Usage
{
    public const string Text = """
        frikommune-edge — care-home gateway for the special door opener, situational check-ins and
        sleep/motion sensors under serviceloven §§ 125 and 128 b (and lov om frikommunenetværk §§ 14–14f).

        Usage: frikommune-edge [COMMAND] [OPTIONS] [--Section:Key=value ...]

        Commands:
          run [--simulate]                       run the gateway until SIGTERM/SIGINT (the default)
          config validate                        check the configuration; prints ok or one line per problem
          decisions import FILE...               verify and store signed decision/revocation tokens
          decisions list [--json]                the cached decisions and their state
          audit verify                           check the audit trail's hash chain
          audit export --from DATE --to DATE [--format csv|json]
                                                 write the audit records of a period to stdout
          audit report --month YYYY-MM [--format html|csv|json] [--from-export FILE]
                                                 the month's use of every measure per decision, from the audit
                                                 trail (or recomputed from an `audit export --format json` file)
          users add NAME --role staff|technician --password-stdin
                                                 add or replace a user of the web page and HTTP API
                                                 (12+ characters, not a common password; ends their sessions)
          users list                             the users and their roles
          users remove NAME                      remove a user and end their sessions at once
          devices add ID --public-key FILE       register a staff device's P-256 public key (signs its MQTT commands)
          devices list                           the registered staff devices and their key fingerprints
          devices remove ID                      stop trusting a staff device's commands at once
          hardware selftest                      read every configured input, pulse every output once

        Options:
          --config DIR     configuration folder (default /etc/frikommune-edge; in a checkout, config/)
          --simulate       simulated GPIO, embedded MQTT broker, synthetic cameras: try it on any PC
          --Section:Key=V  override a setting (also FRIKOMMUNE_Section__Key=V in the environment)
        """;
}
