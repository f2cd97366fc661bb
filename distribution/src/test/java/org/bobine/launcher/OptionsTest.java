package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsToBobineDataInTheWorkingDirectory() throws Exception {
        Options options = Options.parse(new String[0], Map.of());
        assertThat(options.dataDirectory()).isEqualTo(Path.of("bobine-data").toAbsolutePath());
        assertThat(options.port()).isNull();
        assertThat(options.hostname()).isNull();
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of("BOBINE_DATA", "/srv/env", "BOBINE_PORT", "9100",
                "BOBINE_HOSTNAME", "env.example.org");
        Options fromEnvironment = Options.parse(new String[0], environment);
        assertThat(fromEnvironment.dataDirectory()).isEqualTo(Path.of("/srv/env"));
        assertThat(fromEnvironment.port()).isEqualTo(9100);
        assertThat(fromEnvironment.hostname()).isEqualTo("env.example.org");

        Options fromArguments = Options.parse(new String[] {"--data", "/srv/args", "--port=9200", "--hostname",
            "args.example.org"}, environment);
        assertThat(fromArguments.dataDirectory()).isEqualTo(Path.of("/srv/args"));
        assertThat(fromArguments.port()).isEqualTo(9200);
        assertThat(fromArguments.hostname()).isEqualTo("args.example.org");
    }

    @Test
    void theOptionsOverrideTheFile() throws Exception {
        ConfigFile.Values values = Options.parse(new String[] {"--port", "9300", "--hostname", "cli.example.org"},
                Map.of()).applyTo(ConfigFile.defaults());
        assertThat(values.get(ConfigSchema.WEBSERVER_PORT)).isEqualTo(9300);
        assertThat(values.configurations().get("bobine.webserver").get("hostname")).isEqualTo("cli.example.org");
    }

    @Test
    void resetPasswordNamesItsUser() throws Exception {
        Options reset = Options.parse(new String[] {"reset-password", "--user", "root", "--data", "/srv/x"},
                Map.of());
        assertThat(reset.resetPasswordOf()).isEqualTo("root");
        assertThat(reset.dataDirectory()).isEqualTo(Path.of("/srv/x"));
        assertThat(Options.parse(new String[0], Map.of()).resetPasswordOf()).isNull();
        assertThatThrownBy(() -> Options.parse(new String[] {"reset-password"}, Map.of()))
                .hasMessage("reset-password needs --user NAME");
        assertThatThrownBy(() -> Options.parse(new String[] {"--user", "root"}, Map.of()))
                .hasMessage("--user only goes with reset-password");
    }

    @Test
    void badOptionsAreExplained() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessage("--port must be a port number from 1 to 65535, not \"http\"");
        assertThatThrownBy(() -> Options.parse(new String[0], Map.of("BOBINE_PORT", "0")))
                .hasMessage("BOBINE_PORT must be a port number from 1 to 65535, not \"0\"");
        assertThatThrownBy(() -> Options.parse(new String[] {"--data"}, Map.of())).hasMessage("--data needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"--verbose"}, Map.of()))
                .hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> Options.parse(new String[] {"--hostname", "not a host"}, Map.of())
                .applyTo(ConfigFile.defaults()))
                .hasMessageContaining("webserver.hostname: expected a host name");
    }
}
