package io.leadrelay.ingest.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RedirectAllowListTest {

    private final RedirectAllowList allowList = new RedirectAllowList(List.of("https://www.example.com/thanks"));

    @Test
    void exactPageIsAllowedWithAnyQuery() {
        assertThat(allowList.check("https://www.example.com/thanks")).isPresent();
        assertThat(allowList.check("https://WWW.EXAMPLE.COM:443/thanks?campaign=fair")).isPresent();
    }

    @Test
    void everythingElseIsRefused() {
        for (String target : List.of("https://www.example.com/thanks/", "http://www.example.com/thanks",
                "https://www.example.com.evil.org/thanks", "https://www.example.com@evil.org/thanks",
                "https://evil.org/?https://www.example.com/thanks", "//evil.org/thanks", "/thanks",
                "javascript:alert(1)", "https://www.example.com/thanks#x", "https://www.example.com/thanks/../admin",
                "https://www.example.com:8443/thanks", "https://www.example.com\\@evil.org/thanks",
                "https://www.example.com/thanks\r\nSet-Cookie: x=1")) {
            assertThat(allowList.check(target)).as(target).isEmpty();
        }
    }
}
