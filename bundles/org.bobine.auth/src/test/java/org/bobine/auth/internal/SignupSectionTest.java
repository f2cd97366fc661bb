package org.bobine.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class SignupSectionTest {

    private static SignupSection.Config config(String[] whitelist, String[] blacklist, int limit) {
        return new SignupSection.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SignupSection.Config.class;
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int limit() {
                return limit;
            }

            @Override
            public int minimumAge() {
                return 16;
            }

            @Override
            public boolean requiresApproval() {
                return false;
            }

            @Override
            public boolean requiresEmailVerification() {
                return false;
            }

            @Override
            public String[] filters_cidr_whitelist() {
                return whitelist;
            }

            @Override
            public String[] filters_cidr_blacklist() {
                return blacklist;
            }
        };
    }

    @Test
    void rangesMatchIpv4AndIpv6Addresses() {
        Cidr lan = Cidr.parse("192.168.0.0/16");
        assertThat(lan.contains("192.168.4.2")).isTrue();
        assertThat(lan.contains("192.169.0.1")).isFalse();
        assertThat(lan.contains("::1")).isFalse();
        assertThat(Cidr.parse("10.1.2.3").contains("10.1.2.3")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.127.0.1")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.128.0.1")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("[2001:db9::1]")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
        assertThat(lan.contains("example.org")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("example.org/8")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressFiltersFollowPeerTubesRule() {
        SignupSection open = new SignupSection(config(new String[0], new String[0], -1));
        assertThat(open.allowedFrom("203.0.113.9")).isTrue();

        SignupSection refusing = new SignupSection(config(new String[0], new String[] {"203.0.113.0/24"}, -1));
        assertThat(refusing.allowedFrom("203.0.113.9")).isFalse();
        assertThat(refusing.allowedFrom("198.51.100.1")).isTrue();

        SignupSection allowing = new SignupSection(config(new String[] {"10.0.0.0/8"},
                new String[] {"10.9.0.0/16"}, -1));
        assertThat(allowing.allowedFrom("10.1.1.1")).isTrue();
        assertThat(allowing.allowedFrom("10.9.1.1")).isTrue();
        assertThat(allowing.allowedFrom("198.51.100.1")).isFalse();
    }

    @Test
    void withoutTheDatabaseOnlyALimitOfZeroClosesSignup() {
        assertThat(new SignupSection(config(new String[0], new String[0], 10)).belowLimit()).isTrue();
        assertThat(new SignupSection(config(new String[0], new String[0], 0)).belowLimit()).isFalse();
        assertThat(new SignupSection(config(new String[0], new String[0], -1)).belowLimit()).isTrue();
    }
}
