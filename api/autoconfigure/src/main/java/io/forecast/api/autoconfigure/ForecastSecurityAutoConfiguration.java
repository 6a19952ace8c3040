package io.forecast.api.autoconfigure;

import io.forecast.api.security.ApiChainConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * Guards the REST API under {@code /api/v1} ({@link ApiChainConfiguration}: API keys, open development
 * mode, cross-site refusal, training rate limit) when Spring Security is on the class path (an optional
 * dependency: the executable jar has it, a host application opts in by adding {@code
 * spring-boot-starter-security}), in a servlet web application with the API enabled, unless {@code
 * forecast.security.enabled=false}. Ordered after Spring Boot's security auto-configurations, so that a
 * host application without its own filter chain keeps Boot's default protection of its other paths.
 * With {@code forecast.security.all-paths=true} (forecast serve) {@link
 * ForecastServerSecurityAutoConfiguration} guards every path instead.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
    "org.springframework.security.config.annotation.web.builders.HttpSecurity",
    "org.springframework.web.servlet.DispatcherServlet"})
@ConditionalOnProperty(prefix = "forecast.api", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "forecast.security", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "forecast.security", name = "all-paths", havingValue = "false", matchIfMissing = true)
@Import(ApiChainConfiguration.class)
public class ForecastSecurityAutoConfiguration {}
