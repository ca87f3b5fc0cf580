package io.leadrelay.routing.channel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.leadrelay.schemas.Money;

/** Money to EUR by a configured table; a currency without a rate has no EUR value (never guessed). */
public final class EuroConverter {

    private static final String EUR = "EUR";

    private final Map<String, BigDecimal> eurPerUnit;

    public EuroConverter(Map<String, BigDecimal> eurPerUnit) {
        this.eurPerUnit = Map.copyOf(eurPerUnit);
    }

    public Optional<BigDecimal> toEur(Money money) {
        if (money == null || money.getAmount() == null || money.getCurrency() == null) {
            return Optional.empty();
        }
        String currency = money.getCurrency().trim().toUpperCase(Locale.ROOT);
        if (EUR.equals(currency)) {
            return Optional.of(money.getAmount());
        }
        BigDecimal rate = eurPerUnit.get(currency);
        return rate == null ? Optional.empty()
                : Optional.of(money.getAmount().multiply(rate).setScale(2, RoundingMode.HALF_UP));
    }
}
