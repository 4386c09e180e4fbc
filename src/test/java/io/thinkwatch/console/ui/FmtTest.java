package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Unit;

class FmtTest {

    @Test
    void numbersReadTheSameEverywhere() {
        // Given values of each kind
        // When they are formatted
        // Then they read with separators, cents, sub-cent digits, one decimal and UTC
        assertThat(Fmt.count(1234567L)).isEqualTo("1,234,567");
        assertThat(Fmt.usd(12.345)).isEqualTo("$12.35");
        assertThat(Fmt.usd(0.00421)).isEqualTo("$0.0042");
        assertThat(Fmt.usd(0)).isEqualTo("$0.00");
        assertThat(Fmt.percent(0.125)).isEqualTo("12.5%");
        assertThat(Fmt.millis(1500L)).isEqualTo("1,500 ms");
        assertThat(Fmt.time(Instant.parse("2026-11-26T10:15:03.123Z"))).isEqualTo("2026-11-26 10:15:03 UTC");
    }

    @Test
    void aMeasuredValueReadsInItsUnit() {
        // Given a window's spend in USD, a token sum, and a value of a finding filed without a unit
        // When they are formatted as measured values
        // Then money reads as money, tokens as a count, and the unitless value with two decimals at most
        assertThat(Fmt.measured(192.40320000004397, Unit.USD)).isEqualTo("$192.40");
        assertThat(Fmt.measured(31_000.0, Unit.TOKENS)).isEqualTo("31,000");
        assertThat(Fmt.measured(192.40320000004397, null)).isEqualTo("192.40");
        assertThat(Fmt.measured(null, Unit.USD)).isEqualTo("—");
    }

    @Test
    void missingValuesReadAsADash() {
        // Given no value
        // When it is formatted
        // Then it reads as a dash, never as 0
        assertThat(Fmt.count(null)).isEqualTo("—");
        assertThat(Fmt.usd(null)).isEqualTo("—");
        assertThat(Fmt.text(" ")).isEqualTo("—");
    }

    @Test
    void pathSegmentsAreEncoded() {
        // Given an id with characters that would change a URL's meaning
        // When it is placed in a path
        // Then it stays one segment
        assertThat(Fmt.segment("a/b?c#d e")).isEqualTo("a%2Fb%3Fc%23d%20e");
    }
}
