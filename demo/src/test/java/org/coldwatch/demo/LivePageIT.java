package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.scenario.LiveSimulation;
import org.coldwatch.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live page in Debian's real headless Chromium: a real gateway feeds a real server process, and the page shows
 * the room's values and updates them without a reload (server push). Leaves screenshots in target/.
 */
class LivePageIT {
    static final String SENSOR = "gw-live/air-return/temperature";

    @TempDir
    Path dir;
    ServerProcess server;
    Gateway gateway;
    ChromeDriverService driverService;
    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        server = ServerProcess.start(dir.resolve("server"));
        String secret = server.register("store-live", "gw-live");
        GatewayConfig config = GatewayConfig.builder("gw-live", secret)
                .serverUri(server.mqttUri())
                .outboxPath(dir.resolve("outbox.db"))
                .samplingIntervalMillis(500)
                .build();
        LiveSimulation room = LiveSimulation.realTime(ScenarioLoader.builtIn("normal-week"), Clock.systemUTC());
        gateway = Gateway.start(config, List.of(new SimulatedRoomSource("normal-week", room)), Clock.systemUTC());
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=420,900",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
        server.close();
    }

    @Test
    void showsTheStoresReadingsAndUpdatesThemWithoutReload() throws Exception {
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");

        WebElement value = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("[data-sensor='" + SENSOR + "']")),
                        e -> e.getText().contains("°C"));
        assertThat(browser.findElement(By.cssSelector("[data-store='store-live']")).getText())
                .contains("测试冷库 store-live");
        assertThat(browser.findElement(By.id("connection")).getAttribute("data-state")).isEqualTo("live");
        screenshot("live-page-zh.png");
        String firstTime = value.getAttribute("data-time-ms");
        String firstText = value.getText();
        Object pageToken = browser.executeScript("return window.__pageToken = Math.random();");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !value.getAttribute("data-time-ms").equals(firstTime));
        await().atMost(Duration.ofSeconds(60)).until(() -> !value.getText().equals(firstText));

        assertThat(browser.executeScript("return window.__pageToken;")).as("no reload").isEqualTo(pageToken);
        screenshot("live-page-zh-updated.png");
    }

    @Test
    void speaksEnglishOnRequest() throws Exception {
        browser.get("http://127.0.0.1:" + server.httpPort() + "/?lang=en");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("[data-sensor='" + SENSOR + "']")).getText(),
                        text -> text.contains("°C"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Temperature");
        screenshot("live-page-en.png");
    }

    private void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
