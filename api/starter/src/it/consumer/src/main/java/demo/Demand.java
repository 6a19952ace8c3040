package demo;

import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.service.ForecastResult;
import io.forecast.forecasting.service.ForecastService;
import io.forecast.forecasting.service.History;
import java.nio.file.Path;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A host application: the starter gives it a ForecastService over the model store (forecast.store.path,
 * default ./models) and the REST API under /api/v1. At startup it forecasts from recent.csv with the
 * model "etth1" (trained by TrainEtth1 or `./forecast train ... --out models/etth1`).
 */
@SpringBootApplication
public class Demand {
  public static void main(String[] args) {
    SpringApplication.run(Demand.class, args);
  }

  @Bean
  ApplicationRunner nextDay(ForecastService forecasts) {
    return args -> {
      // recent.csv: the model's training layout (a header with the timestamp column and the same value
      // columns), and at least seq_len (96) rows ending where the forecast should start
      TimeSeriesFrame recent = TimeSeriesCsvReader.read(Path.of("recent.csv"));
      ForecastResult r = forecasts.forecast("etth1", History.ofFrame(recent, 96));
      System.out.println("next " + r.predLen() + " rows from " + r.timestamps().get(0)
          + ", OT first step = " + r.columns().get("OT")[0]);
    };
  }
}
