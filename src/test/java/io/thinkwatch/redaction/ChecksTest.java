package io.thinkwatch.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checksums that confirm a card number and an IBAN. */
class ChecksTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "4111111111111111, true",
        "4111 1111 1111 1111, true",
        "378282246310005, true",
        "4111111111111112, false",
        "1234567890123456, false"
    })
    void luhn(String number, boolean valid) {
        // Given a number
        // When its Luhn checksum is checked
        // Then it is valid only when the sum is a multiple of 10
        assertThat(Checks.luhn(number)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "DE89370400440532013000, true",
        "DE89 3704 0044 0532 0130 00, true",
        "GB82WEST12345698765432, true",
        "GB82WEST12345698765433, false",
        "GB00WEST12345698765432, false",
        "DE89, false"
    })
    void ibanChecksum(String iban, boolean valid) {
        // Given an IBAN
        // When its check digits are checked (ISO 13616, modulo 97)
        // Then only a right one passes
        assertThat(Checks.ibanChecksum(iban)).isEqualTo(valid);
    }
}
