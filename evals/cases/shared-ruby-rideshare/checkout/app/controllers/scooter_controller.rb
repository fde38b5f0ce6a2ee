class ScooterController < ApplicationController
  include ApplicationHelper

  def index
    OpenTelemetry.tracer_provider.tracer("ride-sharing-app").in_span("ScooterController#index") do |span|
      find_nearest_vehicle(2, "scooter")
    end
    render html: "<h1>Scooter ordered</h1>".html_safe
  end
end
