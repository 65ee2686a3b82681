// eMIP envelopes for the tests: the builders are production code (the relay simulator and the
// bench use them too), re-exported here under their former names.
export {
  AUTHORISATION_NS,
  DYNAMIC_NS,
  SOAP12,
  availabilityStatus,
  busyStatus,
  chargeDetailRecord,
  envelope,
  syntheticStatus,
  type Fields,
} from "@/lib/channels/gireve/emip/build-envelopes";
