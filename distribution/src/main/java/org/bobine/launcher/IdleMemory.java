package org.bobine.launcher;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Lets the JVM give memory back to the system when the instance is idle. The start-up (Hibernate's boot above
 * all) leaves a heap much larger than what a running instance uses; with the JVM's defaults it stays committed.
 * These settings are all "manageable" HotSpot flags, set at run time, and only when the administrator has not
 * set them on the command line.
 */
final class IdleMemory {

    /** How often G1 checks, when idle, whether it can shrink the heap. */
    static final String PERIODIC_GC_MILLIS = "15000";

    private IdleMemory() {
    }

    static void returnUnusedHeap() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null) {
            return;
        }
        // Keep 10 to 30 % of the heap free after a collection instead of 40 to 70 %; min before max, so that
        // min <= max holds at each step.
        setIfDefault(hotSpot, "MinHeapFreeRatio", "10");
        setIfDefault(hotSpot, "MaxHeapFreeRatio", "30");
        if (usesG1()) {
            setIfDefault(hotSpot, "G1PeriodicGCInterval", PERIODIC_GC_MILLIS);
        }
    }

    private static boolean usesG1() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector.getName().startsWith("G1")) {
                return true;
            }
        }
        return false;
    }

    private static void setIfDefault(HotSpotDiagnosticMXBean hotSpot, String flag, String value) {
        try {
            VMOption option = hotSpot.getVMOption(flag);
            if (option.isWriteable() && option.getOrigin() == VMOption.Origin.DEFAULT) {
                hotSpot.setVMOption(flag, value);
            }
        } catch (IllegalArgumentException unsupported) {
            // A JVM without this flag: nothing to tune.
        }
    }
}
