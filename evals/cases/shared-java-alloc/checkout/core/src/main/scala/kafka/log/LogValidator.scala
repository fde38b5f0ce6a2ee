/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements. The ASF licenses this file to You under the Apache
 * License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at
 *
 *    http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software distributed under
 * the License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
 * KIND, either express or implied. See the License for the specific language governing
 * permissions and limitations under the License.
 */
package kafka.log

import java.nio.ByteBuffer

import kafka.common.{LongRef, RecordValidationException}
import kafka.server.{BrokerTopicStats, RequestLocal}
import kafka.utils.Logging
import org.apache.kafka.common.{InvalidRecordException, TopicPartition}
import org.apache.kafka.common.errors.{CorruptRecordException, InvalidTimestampException, UnsupportedForMessageFormatException}
import org.apache.kafka.common.protocol.Errors
import org.apache.kafka.common.record.{AbstractRecords, CompressionType, MemoryRecords, MemoryRecordsBuilder, Record, RecordBatch, RecordConversionStats, TimestampType}
import org.apache.kafka.common.requests.ProduceResponse.RecordError
import org.apache.kafka.common.utils.{BufferSupplier, Time}
import org.apache.kafka.server.common.MetadataVersion

import scala.collection.mutable
import scala.jdk.CollectionConverters._

/**
 * The result of validating a produce request's records and assigning their offsets.
 */
private[log] case class ValidationAndOffsetAssignResult(validatedRecords: MemoryRecords,
                                                        maxTimestamp: Long,
                                                        shallowOffsetOfMaxTimestamp: Long,
                                                        messageSizeMaybeChanged: Boolean,
                                                        recordConversionStats: RecordConversionStats)

/**
 * Validates the records of a produce request before they are appended to the log, and
 * assigns their offsets: the leader's part of the produce path.
 */
private[log] object LogValidator extends Logging {

  /**
   * Update the offsets of the records and do further validation (magic, timestamps,
   * compression). The validation depends on the batches' format and compression:
   *
   *  1. uncompressed batches of the current format are validated and given their offsets
   *     in place;
   *  2. batches of an older format are converted;
   *  3. compressed batches are validated record by record: every batch is decompressed
   *     and every record read (with its key, value and headers) to check its offsets and
   *     timestamps, and the batch is recompressed when the broker's compression differs
   *     or when an offset must be rewritten.
   *
   * This method runs on the request handler thread, under the log's lock for the offsets
   * of the leader epoch (see UnifiedLog.append).
   *
   * @param records the records of the produce request
   * @param topicPartition the partition they are appended to
   * @param offsetCounter the next offset of the partition, advanced by the records' count
   * @param time the broker's clock, for the log append time
   * @param now the time of the append
   * @param sourceCompression the compression the producer used
   * @param targetCompression the compression of the topic (the producer's for "producer")
   * @param compactedTopic whether the topic is compacted (its records must have a key)
   * @param toMagic the message format of the log
   * @param timestampType create time or log append time
   * @param timestampDiffMaxMs how far a record's create time may be from now
   * @param partitionLeaderEpoch the leader epoch stamped on the batches
   * @param origin who appends: a client, a coordinator, or replication
   * @return the validated records, with their maximum timestamp and whether they changed
   */
  def validateMessagesAndAssignOffsets(records: MemoryRecords,
                                       topicPartition: TopicPartition,
                                       offsetCounter: LongRef,
                                       time: Time,
                                       now: Long,
                                       sourceCompression: CompressionType,
                                       targetCompression: CompressionType,
                                       compactedTopic: Boolean,
                                       toMagic: Byte,
                                       timestampType: TimestampType,
                                       timestampDiffMaxMs: Long,
                                       partitionLeaderEpoch: Int,
                                       origin: AppendOrigin,
                                       interBrokerProtocolVersion: MetadataVersion,
                                       brokerTopicStats: BrokerTopicStats,
                                       requestLocal: RequestLocal): ValidationAndOffsetAssignResult = {
    if (sourceCompression == CompressionType.NONE && targetCompression == CompressionType.NONE) {
      // check the magic value
      if (!records.hasMatchingMagic(toMagic))
        convertAndAssignOffsetsNonCompressed(records, topicPartition, offsetCounter, compactedTopic, time, now, timestampType,
          timestampDiffMaxMs, toMagic, partitionLeaderEpoch, origin, brokerTopicStats)
      else
        // Do in-place validation, offset assignment and maybe set timestamp
        assignOffsetsNonCompressed(records, topicPartition, offsetCounter, now, compactedTopic, timestampType, timestampDiffMaxMs,
          partitionLeaderEpoch, origin, toMagic, brokerTopicStats)
    } else {
      // The records are compressed (by the producer, or to be by the broker): they are
      // validated one by one. This is the costly branch of the produce path: every batch
      // is decompressed and every record of it read, with its key, value and headers, on
      // every produce request, even when the producer used the broker's own compression.
      if (sourceCompression != CompressionType.NONE)
        brokerTopicStats.topicStats(topicPartition.topic).compressedProduceRequestRate.mark()
      if (targetCompression != sourceCompression)
        debug(s"Recompressing records of $topicPartition from $sourceCompression to $targetCompression")
      // A producer's compressed batch is rewritten when an offset or a timestamp must be
      // changed, or when the broker's compression differs; otherwise it is kept as it came,
      // but it has been decompressed and read all the same.
      validateMessagesAndAssignOffsetsCompressed(records, topicPartition, offsetCounter, time, now, sourceCompression, targetCompression, compactedTopic, toMagic, timestampType, timestampDiffMaxMs, partitionLeaderEpoch, origin, interBrokerProtocolVersion, brokerTopicStats, requestLocal)
    }
  }

  private def getFirstBatchAndMaybeValidateNoMoreBatches(records: MemoryRecords, sourceCompression: CompressionType): RecordBatch = {
    val batchIterator = records.batches.iterator

    if (!batchIterator.hasNext) {
      throw new InvalidRecordException("Record batch has no batches at all")
    }

    val batch = batchIterator.next()

    // if the format is v2 and beyond, or if the messages are compressed, we should check there's only one batch.
    if (batch.magic() >= RecordBatch.MAGIC_VALUE_V2 || sourceCompression != CompressionType.NONE) {
      if (batchIterator.hasNext) {
        throw new InvalidRecordException("Compressed outer record has more than one batch")
      }
    }

    batch
  }

  // Checks a batch's header against the first batch and the request's origin (a client may
  // not write control batches, nor batches whose offsets do not match their count).
  private def validateBatch(topicPartition: TopicPartition,
                            firstBatch: RecordBatch,
                            batch: RecordBatch,
                            origin: AppendOrigin,
                            toMagic: Byte,
                            brokerTopicStats: BrokerTopicStats): Unit = {
    // batch magic byte should have the same magic as the first batch
    if (firstBatch.magic() != batch.magic()) {
      brokerTopicStats.allTopicsStats.invalidMagicNumberRecordsPerSec.mark()
      throw new InvalidRecordException(s"Batch magic ${batch.magic()} is not the same as the first batch'es magic byte ${firstBatch.magic()} in topic partition $topicPartition.")
    }

    if (origin == AppendOrigin.Client) {
      if (batch.magic >= RecordBatch.MAGIC_VALUE_V2) {
        val countFromOffsets = batch.lastOffset - batch.baseOffset + 1
        if (countFromOffsets <= 0) {
          brokerTopicStats.allTopicsStats.invalidOffsetOrSequenceRecordsPerSec.mark()
          throw new InvalidRecordException(s"Batch has an invalid offset range: [${batch.baseOffset}, ${batch.lastOffset}] in topic partition $topicPartition.")
        }

        // v2 and above messages always have a non-null count
        val count = batch.countOrNull
        if (count <= 0) {
          brokerTopicStats.allTopicsStats.invalidOffsetOrSequenceRecordsPerSec.mark()
          throw new InvalidRecordException(s"Invalid reported count for record batch: $count in topic partition $topicPartition.")
        }

        if (countFromOffsets != batch.countOrNull) {
          brokerTopicStats.allTopicsStats.invalidOffsetOrSequenceRecordsPerSec.mark()
          throw new InvalidRecordException(s"Inconsistent batch offset range [${batch.baseOffset}, ${batch.lastOffset}] " +
            s"and count of records $count in topic partition $topicPartition.")
        }
      }

      if (batch.isControlBatch) {
        brokerTopicStats.allTopicsStats.invalidOffsetOrSequenceRecordsPerSec.mark()
        throw new InvalidRecordException(s"Clients are not allowed to write control records in topic partition $topicPartition.")
      }

      if (batch.hasProducerId && batch.baseSequence < 0) {
        brokerTopicStats.allTopicsStats.invalidOffsetOrSequenceRecordsPerSec.mark()
        throw new InvalidRecordException(s"Invalid sequence number ${batch.baseSequence} in record batch " +
          s"with producerId ${batch.producerId} in topic partition $topicPartition.")
      }
    }

    if (batch.isTransactional && toMagic < RecordBatch.MAGIC_VALUE_V2)
      throw new UnsupportedForMessageFormatException(s"Transactional records cannot be used with magic version $toMagic")

    if (batch.hasProducerId && toMagic < RecordBatch.MAGIC_VALUE_V2)
      throw new UnsupportedForMessageFormatException(s"Idempotent records cannot be used with magic version $toMagic")
  }

  private def validateRecord(batch: RecordBatch, topicPartition: TopicPartition, record: Record, batchIndex: Int, now: Long,
                             timestampType: TimestampType, timestampDiffMaxMs: Long, compactedTopic: Boolean,
                             brokerTopicStats: BrokerTopicStats): Option[ApiRecordError] = {
    if (!record.hasMagic(batch.magic)) {
      brokerTopicStats.allTopicsStats.invalidMagicNumberRecordsPerSec.mark()
      return Some(ApiRecordError(Errors.INVALID_RECORD, new RecordError(batchIndex,
        s"Record $record's magic does not match outer magic ${batch.magic} in topic partition $topicPartition.")))
    }

    // verify the record-level CRC only if this is one of the deep entries of a compressed message
    // set for magic v0 and v1. For non-compressed messages, there is no inner record for magic v0 and v1,
    // so we depend on the batch-level CRC check in Log.analyzeAndValidateRecords(). For magic v2 and above,
    // there is no record-level CRC to check.
    if (batch.magic <= RecordBatch.MAGIC_VALUE_V1 && batch.isCompressed) {
      try {
        record.ensureValid()
      } catch {
        case e: InvalidRecordException =>
          brokerTopicStats.allTopicsStats.invalidMessageCrcRecordsPerSec.mark()
          throw new CorruptRecordException(e.getMessage + s" in topic partition $topicPartition.")
      }
    }

    validateKey(record, batchIndex, topicPartition, compactedTopic, brokerTopicStats).orElse {
      validateTimestamp(batch, record, batchIndex, now, timestampType, timestampDiffMaxMs)
    }
  }

  private def validateKey(record: Record, batchIndex: Int, topicPartition: TopicPartition, compactedTopic: Boolean,
                          brokerTopicStats: BrokerTopicStats): Option[ApiRecordError] = {
    if (compactedTopic && !record.hasKey) {
      brokerTopicStats.allTopicsStats.noKeyCompactedTopicRecordsPerSec.mark()
      Some(ApiRecordError(Errors.INVALID_RECORD, new RecordError(batchIndex,
        s"Compacted topic cannot accept message without key in topic partition $topicPartition.")))
    } else None
  }

  private def validateTimestamp(batch: RecordBatch, record: Record, batchIndex: Int, now: Long,
                                timestampType: TimestampType, timestampDiffMaxMs: Long): Option[ApiRecordError] = {
    if (timestampType == TimestampType.CREATE_TIME
      && record.timestamp != RecordBatch.NO_TIMESTAMP
      && math.abs(record.timestamp - now) > timestampDiffMaxMs)
      Some(ApiRecordError(Errors.INVALID_TIMESTAMP, new RecordError(batchIndex,
        s"Timestamp ${record.timestamp} of message with offset ${record.offset} is " +
          s"out of range. The timestamp should be within [${now - timestampDiffMaxMs}, " +
          s"${now + timestampDiffMaxMs}]")))
    else if (batch.timestampType == TimestampType.LOG_APPEND_TIME)
      Some(ApiRecordError(Errors.INVALID_TIMESTAMP, new RecordError(batchIndex,
        s"Invalid timestamp type in message $record. Producer should not set timestamp " +
          "type to LogAppendTime.")))
    else None
  }

  /**
   * A record of a compressed batch must not itself be compressed (a wrapper of a nested
   * batch), and must be of the batch's format.
   */
  private def validateRecordCompression(batchIndex: Int, record: Record): Option[ApiRecordError] = {
    if (record.isCompressed)
      Some(ApiRecordError(Errors.INVALID_RECORD, new RecordError(batchIndex,
        s"Compressed outer record should not have an inner record with a compression attribute set: $record")))
    else None
  }

  private def processRecordErrors(recordErrors: Seq[ApiRecordError]): Unit = {
    if (recordErrors.nonEmpty) {
      val errors = recordErrors.map(_.recordError)
      if (recordErrors.exists(_.apiError == Errors.INVALID_TIMESTAMP)) {
        throw new RecordValidationException(new InvalidTimestampException(
          "One or more records have been rejected due to invalid timestamp"), errors)
      } else {
        throw new RecordValidationException(new InvalidRecordException(
          "One or more records have been rejected due to " + errors.size + " record errors " +
            "in total, and only showing the first three errors at most: " + errors.asJava.subList(0, math.min(errors.size, 3))), errors)
      }
    }
  }

  // The uncompressed paths: assignOffsetsNonCompressed gives the records their offsets in
  // place; convertAndAssignOffsetsNonCompressed rebuilds them in the log's format.
  private def assignOffsetsNonCompressed(records: MemoryRecords, topicPartition: TopicPartition, offsetCounter: LongRef,
                                         now: Long, compactedTopic: Boolean, timestampType: TimestampType, timestampDiffMaxMs: Long,
                                         partitionLeaderEpoch: Int, origin: AppendOrigin, magic: Byte,
                                         brokerTopicStats: BrokerTopicStats): ValidationAndOffsetAssignResult = {
    var maxTimestamp = RecordBatch.NO_TIMESTAMP
    var offsetOfMaxTimestamp = -1L
    val initialOffset = offsetCounter.value

    val firstBatch = getFirstBatchAndMaybeValidateNoMoreBatches(records, CompressionType.NONE)

    records.batches.forEach { batch =>
      validateBatch(topicPartition, firstBatch, batch, origin, magic, brokerTopicStats)

      var maxBatchTimestamp = RecordBatch.NO_TIMESTAMP
      var offsetOfMaxBatchTimestamp = -1L

      val recordErrors = new mutable.ArrayBuffer[ApiRecordError](0)
      // This is a hot path and we want to avoid any unnecessary allocations.
      var batchIndex = 0
      batch.forEach { record =>
        validateRecord(batch, topicPartition, record, batchIndex, now, timestampType,
          timestampDiffMaxMs, compactedTopic, brokerTopicStats).foreach(recordError => recordErrors += recordError)

        val offset = offsetCounter.getAndIncrement()
        if (batch.magic > RecordBatch.MAGIC_VALUE_V0 && record.timestamp > maxBatchTimestamp) {
          maxBatchTimestamp = record.timestamp
          offsetOfMaxBatchTimestamp = offset
        }
        batchIndex += 1
      }

      processRecordErrors(recordErrors)

      if (batch.magic > RecordBatch.MAGIC_VALUE_V0 && maxBatchTimestamp > maxTimestamp) {
        maxTimestamp = maxBatchTimestamp
        offsetOfMaxTimestamp = offsetOfMaxBatchTimestamp
      }

      batch.setLastOffset(offsetCounter.value - 1)

      if (batch.magic >= RecordBatch.MAGIC_VALUE_V2)
        batch.setPartitionLeaderEpoch(partitionLeaderEpoch)

      if (batch.magic > RecordBatch.MAGIC_VALUE_V0) {
        if (timestampType == TimestampType.LOG_APPEND_TIME)
          batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, now)
        else
          batch.setMaxTimestamp(timestampType, maxBatchTimestamp)
      }
    }

    if (timestampType == TimestampType.LOG_APPEND_TIME) {
      maxTimestamp = now
      if (magic >= RecordBatch.MAGIC_VALUE_V2)
        offsetOfMaxTimestamp = offsetCounter.value - 1
      else
        offsetOfMaxTimestamp = initialOffset
    }

    ValidationAndOffsetAssignResult(
      validatedRecords = records,
      maxTimestamp = maxTimestamp,
      shallowOffsetOfMaxTimestamp = offsetOfMaxTimestamp,
      messageSizeMaybeChanged = false,
      recordConversionStats = RecordConversionStats.EMPTY)
  }

  private def convertAndAssignOffsetsNonCompressed(records: MemoryRecords, topicPartition: TopicPartition, offsetCounter: LongRef,
                                                   compactedTopic: Boolean, time: Time, now: Long, timestampType: TimestampType,
                                                   timestampDiffMaxMs: Long, toMagicValue: Byte, partitionLeaderEpoch: Int,
                                                   origin: AppendOrigin, brokerTopicStats: BrokerTopicStats): ValidationAndOffsetAssignResult = {
    val startNanos = time.nanoseconds
    val sizeInBytesAfterConversion = AbstractRecords.estimateSizeInBytes(toMagicValue, offsetCounter.value,
      CompressionType.NONE, records.records)

    // The conversion rebuilds the records in the log's format, into a new buffer.
    val first = records.batches.asScala.head
    val builder = MemoryRecords.builder(ByteBuffer.allocate(sizeInBytesAfterConversion), toMagicValue, CompressionType.NONE, timestampType,
      offsetCounter.value, now, first.producerId, first.producerEpoch, first.baseSequence, first.isTransactional, partitionLeaderEpoch)

    val firstBatch = getFirstBatchAndMaybeValidateNoMoreBatches(records, CompressionType.NONE)

    // The records are appended to the builder one by one, with their new offsets.
    records.batches.forEach { batch =>
      validateBatch(topicPartition, firstBatch, batch, origin, toMagicValue, brokerTopicStats)
      val recordErrors = new mutable.ArrayBuffer[ApiRecordError](0)
      for ((record, batchIndex) <- batch.asScala.view.zipWithIndex) {
        validateRecord(batch, topicPartition, record, batchIndex, now, timestampType,
          timestampDiffMaxMs, compactedTopic, brokerTopicStats).foreach(recordError => recordErrors += recordError)
        if (recordErrors.isEmpty) // a batch with a bad record fails as a whole
          builder.appendWithOffset(offsetCounter.getAndIncrement(), record)
      }
      processRecordErrors(recordErrors)
    }
    convertedRecords(builder, time, startNanos)
  }

  /**
   * Validates compressed batches: every batch is decompressed, every record read and
   * checked (offsets, timestamps, keys of compacted topics), and the batch rebuilt when it
   * cannot be kept as it came.
   *
   * The records are read in full unless the batch can be kept in place: then only their
   * offsets and timestamps are read, skipping keys and values (skipKeyValueIterator). The
   * records read in full are kept in validatedRecords, to rebuild the batch from.
   */
  private def validateMessagesAndAssignOffsetsCompressed(records: MemoryRecords, topicPartition: TopicPartition, offsetCounter: LongRef, time: Time, now: Long,
                                                 sourceCompression: CompressionType, targetCompression: CompressionType, compactedTopic: Boolean,
                                                 toMagic: Byte, timestampType: TimestampType, timestampDiffMaxMs: Long, partitionLeaderEpoch: Int,
                                                 origin: AppendOrigin, interBrokerProtocolVersion: MetadataVersion, brokerTopicStats: BrokerTopicStats,
                                                 requestLocal: RequestLocal): ValidationAndOffsetAssignResult = {
    // The batch is kept in place (its payload not rebuilt) unless one of the situations
    // below says otherwise; the records are validated either way.
    // No in-place assignment situation 1: the batch must be recompressed.
    var inPlaceAssignment = sourceCompression == targetCompression
    // No in-place assignment situation 2 (below): a message of an older format.
    val expectedInnerOffset = new LongRef(0)
    var maxTimestamp = RecordBatch.NO_TIMESTAMP
    val validatedRecords = new mutable.ArrayBuffer[Record]
    var uncompressedSizeInBytes = 0

    // Assume there's only one batch with compressed memory records; otherwise, return
    // InvalidRecordException. One batch per request is what producers send, but a batch can
    // hold thousands of records, and it is decompressed whole below (the decompression
    // stream's buffers are allocated for each batch).
    val firstBatch = getFirstBatchAndMaybeValidateNoMoreBatches(records, sourceCompression)

    // No in-place assignment situation 3: the message format is older than the log's.
    if (firstBatch.magic != toMagic)
      inPlaceAssignment = false

    // Do not compress control records unless they are written compressed.
    if (sourceCompression == CompressionType.NONE && firstBatch.isControlBatch)
      inPlaceAssignment = true

    var batchCount = 0 // the request has one batch: counted to say so in the errors
    // For each batch: decompress it and read its records, one by one.
    records.batches.forEach { batch =>
      validateBatch(topicPartition, firstBatch, batch, origin, toMagic, brokerTopicStats)
      uncompressedSizeInBytes += AbstractRecords.recordBatchHeaderSizeInBytes(toMagic, batch.compressionType())

      // If the batch can be kept in place, its keys and values are skipped: only the
      // offsets and timestamps are read. Otherwise every record is read in full, key and
      // value and headers included, into buffers of its own.
      val recordsIterator = if (inPlaceAssignment && firstBatch.magic >= RecordBatch.MAGIC_VALUE_V2) batch.skipKeyValueIterator(requestLocal.bufferSupplier) else batch.streamingIterator(requestLocal.bufferSupplier)

      try {
        // The errors are collected for the whole batch: a produce request fails as a
        // whole, with the error of each bad record.
        val batchErrors = new mutable.ArrayBuffer[ApiRecordError](0)
        // The index of the record in its batch, for the errors.
        var batchIndex = 0
        recordsIterator.forEachRemaining { record =>
          val expectedOffset = expectedInnerOffset.getAndIncrement()
          // A record with a compression problem (an old magic, a wrong wrapper) is an error
          // of its own; otherwise it is validated like any record.
          val recordError = validateRecordCompression(batchIndex, record).orElse(validateRecord(batch, topicPartition, record, batchIndex, now, timestampType, timestampDiffMaxMs, compactedTopic, brokerTopicStats))

          recordError match {
            case Some(error) => batchErrors += error
            case None =>
              uncompressedSizeInBytes += record.sizeInBytes()
              if (batch.magic > RecordBatch.MAGIC_VALUE_V0 && toMagic > RecordBatch.MAGIC_VALUE_V0) {
                // inner records offset should always be continuous
                if (record.offset != expectedOffset)
                  inPlaceAssignment = false
                if (record.timestamp > maxTimestamp)
                  maxTimestamp = record.timestamp
              }

              // No in-place assignment situation 4: a record of the old format.
              if (!record.hasMagic(toMagic))
                inPlaceAssignment = false

              // Every record read is kept: the batch may have to be rebuilt from them. That
              // is an object per record, with its key and value, per produce request.
              validatedRecords += record
          }
          batchIndex += 1
        }
        processRecordErrors(batchErrors)
      } finally {
        recordsIterator.close()
      }
    }

    if (!inPlaceAssignment) {
      val (producerId, producerEpoch, sequence, isTransactional) = {
        // note that we only reassign offsets for requests coming straight from a producer. For records with magic V2,
        // there should be exactly one RecordBatch per request, so the following is all we need to do. For Records
        // with older magic versions, there will never be a producer id, etc.
        val first = records.batches.asScala.head
        (first.producerId, first.producerEpoch, first.baseSequence, first.isTransactional)
      }
      buildRecordsAndAssignOffsets(toMagic, offsetCounter, time, timestampType, CompressionType.forId(targetCompression.id),
        now, validatedRecords, producerId, producerEpoch, sequence, isTransactional, partitionLeaderEpoch,
        uncompressedSizeInBytes, requestLocal.bufferSupplier)
    } else {
      // we can update the batch only and write the compressed payload as is;
      // again we assume only one record batch within the compressed set
      val batch = records.batches.iterator.next()
      val lastOffset = offsetCounter.addAndGet(validatedRecords.size) - 1

      batch.setLastOffset(lastOffset)

      if (timestampType == TimestampType.LOG_APPEND_TIME)
        maxTimestamp = now

      if (toMagic >= RecordBatch.MAGIC_VALUE_V1)
        batch.setMaxTimestamp(timestampType, maxTimestamp)

      if (toMagic >= RecordBatch.MAGIC_VALUE_V2)
        batch.setPartitionLeaderEpoch(partitionLeaderEpoch)

      val recordConversionStats = new RecordConversionStats(uncompressedSizeInBytes, 0, 0)
      ValidationAndOffsetAssignResult(validatedRecords = records,
        maxTimestamp = maxTimestamp,
        shallowOffsetOfMaxTimestamp = lastOffset,
        messageSizeMaybeChanged = false,
        recordConversionStats = recordConversionStats)
    }
  }

  private def buildRecordsAndAssignOffsets(magic: Byte, offsetCounter: LongRef, time: Time, timestampType: TimestampType,
                                           compressionType: CompressionType, logAppendTime: Long, validatedRecords: Seq[Record],
                                           producerId: Long, producerEpoch: Short, baseSequence: Int, isTransactional: Boolean,
                                           partitionLeaderEpoch: Int, uncompressedSizeInBytes: Int,
                                           bufferSupplier: BufferSupplier): ValidationAndOffsetAssignResult = {
    val startNanos = time.nanoseconds
    val estimatedSize = AbstractRecords.estimateSizeInBytes(magic, offsetCounter.value, compressionType, validatedRecords.asJava)
    // The records are compressed again into a new buffer: the cost of a rebuilt batch.
    val buffer = ByteBuffer.allocate(estimatedSize)
    val builder = MemoryRecords.builder(buffer, magic, compressionType, timestampType, offsetCounter.value,
      logAppendTime, producerId, producerEpoch, baseSequence, isTransactional, partitionLeaderEpoch)

    validatedRecords.foreach { record =>
      builder.appendWithOffset(offsetCounter.getAndIncrement(), record)
    }

    val result = convertedRecords(builder, time, startNanos)
    result.copy(recordConversionStats = new RecordConversionStats(uncompressedSizeInBytes,
      result.recordConversionStats.numRecordsConverted, result.recordConversionStats.conversionTimeNanos))
  }

  private def convertedRecords(builder: MemoryRecordsBuilder, time: Time, startNanos: Long): ValidationAndOffsetAssignResult = {
    val records = builder.build()
    val info = builder.info
    val recordConversionStats = new RecordConversionStats(builder.uncompressedBytesWritten,
      builder.numRecords, time.nanoseconds - startNanos)
    ValidationAndOffsetAssignResult(
      validatedRecords = records,
      maxTimestamp = info.maxTimestamp,
      shallowOffsetOfMaxTimestamp = info.shallowOffsetOfMaxTimestamp,
      messageSizeMaybeChanged = true,
      recordConversionStats = recordConversionStats)
  }

  private case class ApiRecordError(apiError: Errors, recordError: RecordError)
}
