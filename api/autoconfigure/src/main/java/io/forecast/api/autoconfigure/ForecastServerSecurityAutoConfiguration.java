package io.forecast.api.autoconfigure;

import io.forecast.api.security.ServerChainConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * With {@code forecast.security.all-paths=true} (set by {@code forecast serve}): one security chain for
 * every path of the application ({@link ServerChainConfiguration}; actuator health and info and the
 * OpenAPI documents open, everything else behind the API keys when keys are configured). Ordered before
 * Spring Boot's security auto-configurations so that their default chains back off.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
    "org.springframework.security.config.annotation.web.builders.HttpSecurity",
    "org.springframework.web.servlet.DispatcherServlet"})
@ConditionalOnProperty(prefix = "forecast.security", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "forecast.security", name = "all-paths", havingValue = "true")
@Import(ServerChainConfiguration.class)
public class ForecastServerSecurityAutoConfiguration {}
