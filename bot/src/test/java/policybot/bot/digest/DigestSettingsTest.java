package policybot.bot.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestSettingsTest {
    @Test
    void theDefaultIsMondayNineInLondon() {
        DigestSettings s = DigestSettings.fromEnvironment(Map.of());
        assertEquals(DigestSettings.DEFAULT, s);
        assertEquals("MON 09:00 Europe/London", s.describe());
        assertEquals(Optional.empty(), s.adminUrl());
    }

    @Test
    void readsTheScheduleZoneAndPublicAddress() {
        DigestSettings s = DigestSettings.fromEnvironment(Map.of("POLICYBOT_DIGEST_SCHEDULE", " friday 7:30 ",
                "POLICYBOT_DIGEST_ZONE", "UTC", "POLICYBOT_PUBLIC_URL", "https://policybot.example.ac.uk/"));
        assertTrue(s.enabled());
        assertEquals(DayOfWeek.FRIDAY, s.day());
        assertEquals(LocalTime.of(7, 30), s.time());
        assertEquals(ZoneId.of("UTC"), s.zone());
        assertEquals(Optional.of("https://policybot.example.ac.uk/admin"), s.adminUrl());
        assertEquals("THU 16:00 UTC", s.withSchedule("THU 16:00").describe());
        DigestSettings off = DigestSettings.fromEnvironment(Map.of("POLICYBOT_DIGEST_SCHEDULE", "OFF"));
        assertFalse(off.enabled());
        assertEquals("off", off.describe());
    }

    @Test
    void aBadValueNamesItsVariable() {
        for (String bad : new String[] {"09:00", "MON", "MON 24:00", "MON 9:75", "XYZ 09:00", "MO 09:00", "every monday"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DigestSettings.fromEnvironment(Map.of("POLICYBOT_DIGEST_SCHEDULE", bad)), bad);
            assertTrue(e.getMessage().startsWith("POLICYBOT_DIGEST_SCHEDULE"), e.getMessage());
        }
        assertTrue(DigestSettings.problem(Map.of("POLICYBOT_DIGEST_ZONE", "Mars/Olympus_Mons")).orElseThrow()
                .startsWith("POLICYBOT_DIGEST_ZONE must be a time zone"));
        for (String bad : new String[] {"policybot.example.ac.uk", "ftp://x.example", "https://user:pw@x.example",
                "https://x.example/?a=1"}) {
            assertTrue(DigestSettings.problem(Map.of("POLICYBOT_PUBLIC_URL", bad)).orElseThrow()
                    .startsWith("POLICYBOT_PUBLIC_URL"), bad);
        }
        assertEquals(Optional.empty(), DigestSettings.problem(Map.of("POLICYBOT_DIGEST_SCHEDULE", "sun 23:59")));
    }
}
