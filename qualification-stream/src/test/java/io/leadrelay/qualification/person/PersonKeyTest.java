package io.leadrelay.qualification.person;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.Contact;

class PersonKeyTest {

    @Test
    void emailFirstNormalisedLikeAnErasureRequestKey() {
        Contact contact = Contact.newBuilder().setEmail("  Anna.Schmidt@Example-GmbH.de ").setPhone("+49 89 1234567")
                .build();

        assertThat(PersonKey.of(contact, "l-1")).isEqualTo("anna.schmidt@example-gmbh.de");
        assertThat(PersonKey.ofEmail("Anna.Schmidt@example-gmbh.de")).isEqualTo(PersonKey.of(contact, "l-1"));
        assertThat(PersonKey.kind(PersonKey.of(contact, "l-1"))).isEqualTo("email");
    }

    @Test
    void phoneWhenThereIsNoEmailAndOwnKeyWhenThereIsNeither() {
        assertThat(PersonKey.of(Contact.newBuilder().setPhone("+49 89 1234-567").build(), "l-1"))
                .isEqualTo("tel:+49891234567");
        String none = PersonKey.of(Contact.newBuilder().setFirstName("Anna").build(), "l-1");
        assertThat(none).isEqualTo("lead:l-1");
        assertThat(PersonKey.kind(none)).isEqualTo("none");
    }
}
