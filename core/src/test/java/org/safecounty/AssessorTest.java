package org.safecounty;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AssessorTest {
    @Test
    void smoke() {
        var r = MiniPack.assess(MiniPack.base());
        System.out.println(r);
    }
}
