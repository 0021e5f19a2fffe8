package io.pmtuwatch.stream.config;

import java.time.Duration;

/** When paths and links are forgotten, and how much of a link is listed; see {@link Settings}. */
public record AgeingSettings(Duration pathRetention, Duration linkRetention, Duration scanInterval, int linkMaxListed,
                             Duration linkRefresh) {

    static AgeingSettings from(RawConfig raw) {
        return new AgeingSettings(raw.get(Settings.PATH_RETENTION), raw.get(Settings.LINK_RETENTION),
                raw.get(Settings.AGEING_SCAN_INTERVAL), raw.get(Settings.LINK_MAX_LISTED), raw.get(Settings.LINK_REFRESH));
    }
}
