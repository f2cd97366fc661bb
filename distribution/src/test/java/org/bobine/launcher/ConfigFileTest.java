package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path directory;

    @Test
    void theGeneratedFileReadsBackAsTheDefaults() throws Exception {
        Path file = directory.resolve(ConfigFile.FILE_NAME);
        assertThat(ConfigFile.createIfAbsent(file)).isTrue();
        ConfigFile.Values values = ConfigFile.read(file);
        ConfigFile.Values defaults = ConfigFile.defaults();
        for (Setting setting : ConfigSchema.SETTINGS) {
            assertThat(values.get(setting.key())).as(setting.key()).isEqualTo(defaults.get(setting.key()));
        }
        assertThat(Files.readString(file)).contains("# The public host name of the instance");
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path file = directory.resolve(ConfigFile.FILE_NAME);
        Files.writeString(file, "instance:\n  name: Mine\n");
        assertThat(ConfigFile.createIfAbsent(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("instance:\n  name: Mine\n");
    }

    @Test
    void valuesAreConvertedToTheirTypesAndMappedToTheirPids() throws Exception {
        ConfigFile.Values values = read("""
                instance:
                  name: Valley videos
                  is_nsfw: true
                user:
                  video_quota: 10GB
                  video_quota_daily: 500MB
                transcoding:
                  resolutions: [720, 480, 720]
                  hls:
                    enabled: false
                webserver:
                  port: 8080
                  public_port: 443
                  https: true
                database:
                """);
        Map<String, Dictionary<String, Object>> configurations = values.configurations();
        assertThat(configurations.get("bobine.instance").get("name")).isEqualTo("Valley videos");
        assertThat(configurations.get("bobine.instance").get("isNsfw")).isEqualTo(true);
        assertThat(configurations.get("bobine.user").get("videoQuota")).isEqualTo(10L << 30);
        assertThat(configurations.get("bobine.user").get("videoQuotaDaily")).isEqualTo(500L << 20);
        assertThat((int[]) configurations.get("bobine.transcoding").get("resolutions")).containsExactly(720, 480);
        assertThat(configurations.get("bobine.transcoding").get("hls.enabled")).isEqualTo(false);
        assertThat(configurations.get("bobine.webserver").get("port")).isEqualTo(443);
        assertThat(values.get(ConfigSchema.WEBSERVER_PORT)).isEqualTo(8080);
        assertThat(configurations.get("bobine.database").get("url")).isEqualTo("");
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        assertThatThrownBy(() -> read("""
                webserver:
                  port: 70000
                  hostnam: example.org
                signup:
                  enabled: yes please
                  limit: -2
                  filters:
                    cidr:
                      blacklist: ["10.0.0.0/33", "example.org"]
                transcoding:
                  resolutions: [720, 800]
                database:
                  url: mysql://localhost/bobine
                theme:
                  default: Night Mode
                """))
                .isInstanceOf(ConfigFile.InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigFile.InvalidConfigurationException) e).problems()).containsExactly(
                        "webserver.port: expected a whole number from 1 to 65535, found 70000",
                        "webserver.hostnam: unknown key (did you mean webserver.hostname?)",
                        "signup.enabled: expected true or false, found \"yes please\"",
                        "signup.limit: expected a whole number from -1 up, found -2",
                        "signup.filters.cidr.blacklist: expected address ranges such as 10.0.0.0/8, found "
                                + "\"10.0.0.0/33\"",
                        "transcoding.resolutions: expected values among [0, 144, 240, 360, 480, 720, 1080, 1440, "
                                + "2160], found number 800",
                        "database.url: expected nothing (the embedded database) or a JDBC URL starting with "
                                + "jdbc:postgresql: or jdbc:h2:, found \"mysql://localhost/bobine\"",
                        "theme.default: expected a theme name such as default or night, found \"Night Mode\""));
    }

    @Test
    void malformedYamlIsReportedWithItsPosition() {
        assertThatThrownBy(() -> read("instance:\n  name: [unclosed\n"))
                .isInstanceOf(ConfigFile.InvalidConfigurationException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> read("instance:\n  name: A\n  name: B\n"))
                .isInstanceOf(ConfigFile.InvalidConfigurationException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aFileThatIsNotMadeOfSectionsIsRefused() {
        assertThatThrownBy(() -> read("- just\n- a list\n"))
                .isInstanceOf(ConfigFile.InvalidConfigurationException.class)
                .hasMessageContaining("must hold sections");
    }

    @Test
    void anEmptyFileMeansEveryDefault() throws Exception {
        assertThat(read("").get("instance.name")).isEqualTo("Bobine");
    }

    private ConfigFile.Values read(String yaml) throws Exception {
        Path file = directory.resolve("test.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.read(file);
    }
}
