package io.forecast.api.ui;

import io.forecast.api.autoconfigure.ForecastAutoConfiguration;
import io.forecast.api.web.ForecastController;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard: {@code GET /} answers its page, {@code /ui/**} its assets (from {@code
 * classpath:/io/forecast/ui/}). Only in a servlet application with the REST API on, and only with
 * {@code forecast.ui.enabled=true}: an application embedding the library does not get it unless it opts
 * in ({@code forecast serve} sets it; {@code --forecast.ui.enabled=false} turns it off there).
 */
@AutoConfiguration(after = ForecastAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnProperty(prefix = "forecast.ui", name = "enabled", havingValue = "true")
@ConditionalOnBean(ForecastController.class)
public class ForecastUiAutoConfiguration {
  /** Where the assets live in the jar. */
  public static final String ASSETS = "classpath:/io/forecast/ui/";

  /** The page and its assets; revalidated on every load (Last-Modified), so an upgrade shows at once. */
  @Bean
  public WebMvcConfigurer forecastDashboard() {
    return new WebMvcConfigurer() {
      @Override
      public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/**").addResourceLocations(ASSETS).setCacheControl(CacheControl.noCache());
      }

      @Override
      public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/ui/index.html");
      }
    };
  }
}
