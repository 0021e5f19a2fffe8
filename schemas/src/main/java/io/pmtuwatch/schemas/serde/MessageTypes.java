package io.pmtuwatch.schemas.serde;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The records that travel as Kafka messages (the other generated types only live inside them). Their schema
 * histories are loaded at start-up, which also lets a decoder say which record a misrouted message really is.
 * A new message record belongs here.
 */
public final class MessageTypes {

    public static final List<Class<? extends SpecificRecordBase>> ALL = List.of(
            HopObservation.class,
            HandshakeObservation.class,
            PathDiagnosis.class,
            AnomalyWindow.class,
            LinkMtu.class);

    private MessageTypes() {
    }
}
