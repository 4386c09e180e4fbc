package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant's model judge: where it is, which model, its sealed API key ({@code SecretBox}), prices and budget. */
@Entity
@Table(name = "judge_endpoint")
public class JudgeEndpoint extends PanacheEntityBase {

    @Id
    public String tenant;

    public String baseUrl;
    public String model;
    public String apiKey;
    public BigDecimal inputUsdPerMtok;
    public BigDecimal outputUsdPerMtok;
    public Long dailyTokenBudget;
    public BigDecimal dailyUsdBudget;
    public double samplingRate;
    public String updatedBy;
    public Instant updatedAt;
}
