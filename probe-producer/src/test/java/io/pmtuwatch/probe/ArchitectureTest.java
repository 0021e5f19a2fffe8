package io.pmtuwatch.probe;

import io.pmtuwatch.testsupport.ShippedModuleArchitecture;

/** The agent's packages form no cycle, its public API shows no internals, and it ships no bench or lab code. */
class ArchitectureTest extends ShippedModuleArchitecture {

    ArchitectureTest() {
        super("io.pmtuwatch.probe");
    }
}
